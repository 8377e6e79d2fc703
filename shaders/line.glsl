// line.glsl: straight segments with round caps, solid or with moving dashes.
// Each instance is a quad (4-vertex strip) around the segment, grown by the half width
// and one anti-aliasing margin. Instance inputs (layout LINE in nnviz/render/layouts.py):
//   i_points  x0 y0 x1 y1
//   i_style   width, dash, gap, dash phase (layer units)
//   i_color   premultiplied RGBA
//   i_start   where the segment starts along its polyline, modulo the dash period
// Distance: to the segment (a capsule), I. Quilez, "2D distance functions" (sdSegment),
// https://iquilezles.org/articles/distfunctions2d/. Anti-aliasing: band_coverage and
// dash_mask in common.glsl.
#include "common.glsl"

#if defined VERTEX_SHADER
in vec4 i_points;     // x0 y0 x1 y1
in vec4 i_style;      // width dash gap phase
in vec4 i_color;
in float i_start;

out vec2 v_uv;         // distance along the segment, distance across it
flat out float v_length;
flat out float v_start;
flat out vec4 v_style;
flat out vec4 v_color;

void main() {
    vec2 a = i_points.xy;
    vec2 b = i_points.zw;
    vec2 ab = b - a;
    float len = length(ab);
    vec2 dir = len > 0.0 ? ab / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    float hw = 0.5 * max(i_style.x, 1.0 / u_px_per_unit) + aa_margin();
    vec2 corner = quad_corner(gl_VertexID);
    float along = mix(-hw, len + hw, corner.x);
    float across = mix(-hw, hw, corner.y);
    v_uv = vec2(along, across);
    v_length = len;
    v_start = i_start;
    v_style = i_style;
    v_color = i_color;
    gl_Position = to_clip(a + dir * along + nrm * across);
}
#endif

#if defined FRAGMENT_SHADER
in vec2 v_uv;
flat in float v_length;
flat in float v_start;
flat in vec4 v_style;
flat in vec4 v_color;
out vec4 f_color;

void main() {
    float along = clamp(v_uv.x, 0.0, v_length);
    float d = length(vec2(v_uv.x - along, v_uv.y));
    float a = band_coverage(d, 0.5 * v_style.x) * dash_mask(v_start + v_uv.x, v_style.y, v_style.z, v_style.w);
    if (a <= 0.0) {
        discard;
    }
    f_color = v_color * a;
}
#endif

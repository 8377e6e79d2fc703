// arrow.glsl: filled triangular arrowheads, tip at a given point.
// Each instance is a quad around the triangle. Instance inputs (layout ARROW in
// nnviz/render/layouts.py):
//   i_tip_dir  tip x y, unit direction x y
//   i_size     length, width
//   i_color    premultiplied RGBA
// Distance: the largest of the distances to the three sides (exact near the edges,
// bevelled at the corners); I. Quilez, "2D distance functions" (sdTriangleIsosceles)
// gives the exact field, https://iquilezles.org/articles/distfunctions2d/.
// Anti-aliasing: coverage in common.glsl.
#include "common.glsl"

#if defined VERTEX_SHADER
in vec4 i_tip_dir;    // tip x y, direction x y (unit)
in vec2 i_size;       // length, width
in vec4 i_color;

out vec2 v_local;     // x along the arrow (tip at 0, back at -length), y across
flat out vec2 v_size;
flat out vec4 v_color;

void main() {
    vec2 dir = i_tip_dir.zw;
    vec2 nrm = vec2(-dir.y, dir.x);
    float m = aa_margin();
    vec2 corner = quad_corner(gl_VertexID);
    v_local = vec2(mix(-i_size.x - m, m, corner.x), mix(-0.5 * i_size.y - m, 0.5 * i_size.y + m, corner.y));
    v_size = i_size;
    v_color = i_color;
    gl_Position = to_clip(i_tip_dir.xy + dir * v_local.x + nrm * v_local.y);
}
#endif

#if defined FRAGMENT_SHADER
in vec2 v_local;
flat in vec2 v_size;
flat in vec4 v_color;
out vec4 f_color;

void main() {
    // Isosceles triangle: inside when behind the tip's two edges and in front of the back.
    vec2 p = vec2(v_local.x, abs(v_local.y));
    vec2 edge = normalize(vec2(0.5 * v_size.y, v_size.x));  // outward normal of a slanted side
    float d_side = dot(p, edge);
    float d_back = -v_size.x - p.x;
    float a = coverage(max(d_side, d_back));
    if (a <= 0.0) {
        discard;
    }
    f_color = v_color * a;
}
#endif

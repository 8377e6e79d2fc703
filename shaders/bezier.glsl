// bezier.glsl: cubic Bézier curves, solid or with moving dashes, tessellated on the GPU.
// Each instance is a triangle strip of 2 * (BEZIER_SEGMENTS + 1) vertices along the
// curve (BEZIER_SEGMENTS is injected by the loader from nnviz/render/gpu_constants.py).
// Instance inputs (layout BEZIER in nnviz/render/layouts.py):
//   i_p01     p0, p1 (start point, first control point)
//   i_p23     p2, p3 (second control point, end point)
//   i_style   width, dash, gap, dash phase (layer units)
//   i_color   premultiplied RGBA
// Curve: the Bernstein form of the cubic and its derivative (G. Farin, "Curves and
// Surfaces for CAGD", ch. 4); arc length for dashes is the sum of the chords so far.
// Distance across the stroke is the strip's own coordinate (exact for the straight
// pieces). Anti-aliasing: band_coverage and dash_mask in common.glsl.
#include "common.glsl"

#if defined VERTEX_SHADER
in vec4 i_p01;        // p0, p1
in vec4 i_p23;        // p2, p3
in vec4 i_style;      // width dash gap phase
in vec4 i_color;

out vec2 v_uv;        // arc length so far, distance across
flat out vec4 v_style;
flat out vec4 v_color;

vec2 bezier_point(float t) {
    float u = 1.0 - t;
    return u * u * u * i_p01.xy + 3.0 * u * u * t * i_p01.zw + 3.0 * u * t * t * i_p23.xy
        + t * t * t * i_p23.zw;
}

vec2 bezier_tangent(float t) {
    float u = 1.0 - t;
    vec2 d = 3.0 * u * u * (i_p01.zw - i_p01.xy) + 6.0 * u * t * (i_p23.xy - i_p01.zw)
        + 3.0 * t * t * (i_p23.zw - i_p23.xy);
    // Degenerate ends (control point on the end point): fall back to the chord.
    return length(d) > 1e-6 ? normalize(d) : normalize(i_p23.zw - i_p01.xy + 1e-6);
}

void main() {
    int index = gl_VertexID >> 1;
    float side = float(gl_VertexID & 1) * 2.0 - 1.0;
    float t = float(index) / float(BEZIER_SEGMENTS);
    float arc = 0.0;
    vec2 previous = i_p01.xy;
    for (int k = 1; k <= BEZIER_SEGMENTS; ++k) {
        if (k > index) {
            break;
        }
        vec2 next = bezier_point(float(k) / float(BEZIER_SEGMENTS));
        arc += length(next - previous);
        previous = next;
    }
    vec2 tangent = bezier_tangent(t);
    vec2 nrm = vec2(-tangent.y, tangent.x);
    float hw = 0.5 * max(i_style.x, 1.0 / u_px_per_unit) + aa_margin();
    v_uv = vec2(arc, side * hw);
    v_style = i_style;
    v_color = i_color;
    gl_Position = to_clip(bezier_point(t) + nrm * side * hw);
}
#endif

#if defined FRAGMENT_SHADER
in vec2 v_uv;
flat in vec4 v_style;
flat in vec4 v_color;
out vec4 f_color;

void main() {
    float a = band_coverage(v_uv.y, 0.5 * v_style.x) * dash_mask(v_uv.x, v_style.y, v_style.z, v_style.w);
    if (a <= 0.0) {
        discard;
    }
    f_color = v_color * a;
}
#endif

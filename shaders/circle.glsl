// circle.glsl: discs, rings, and pie or arc segments of them.
// Each instance is a quad around the circle. Instance inputs (layout CIRCLE in
// nnviz/render/layouts.py):
//   i_circle  cx cy radius stroke_width
//   i_arc     start end (radians, clockwise from +x since y points down)
//   i_fill    premultiplied RGBA
//   i_stroke  premultiplied RGBA (a band centred on the radius)
// Distance: disc |p| - r intersected (max) with a wedge bounded by two half-planes; the
// exact pie is sdPie in I. Quilez, "2D distance functions",
// https://iquilezles.org/articles/distfunctions2d/. Anti-aliasing: coverage and
// band_coverage in common.glsl.
#include "common.glsl"

#if defined VERTEX_SHADER
in vec4 i_circle;     // cx cy radius stroke_width
in vec2 i_arc;        // start end (radians, clockwise from +x since y points down)
in vec4 i_fill;
in vec4 i_stroke;

out vec2 v_local;
flat out vec4 v_shape;  // radius, stroke width, arc middle, arc half-aperture
flat out vec4 v_fill;
flat out vec4 v_stroke;

void main() {
    float grow = i_circle.z + 0.5 * i_circle.w + aa_margin();
    vec2 corner = quad_corner(gl_VertexID) * 2.0 - 1.0;
    v_local = corner * grow;
    float half_aperture = 0.5 * (i_arc.y - i_arc.x);
    v_shape = vec4(i_circle.z, i_circle.w, 0.5 * (i_arc.x + i_arc.y), half_aperture);
    v_fill = i_fill;
    v_stroke = i_stroke;
    gl_Position = to_clip(i_circle.xy + v_local);
}
#endif

#if defined FRAGMENT_SHADER
in vec2 v_local;
flat in vec4 v_shape;
flat in vec4 v_fill;
flat in vec4 v_stroke;
out vec4 f_color;

const float PI = 3.14159265358979;

// Signed distance to the wedge |angle - middle| <= half (negative inside).
float wedge(vec2 p, float middle, float half_aperture) {
    if (half_aperture >= PI) {
        return -1e9;
    }
    float c = cos(middle);
    float s = sin(middle);
    vec2 q = vec2(c * p.x + s * p.y, -s * p.x + c * p.y);
    q.y = abs(q.y);
    return dot(q, vec2(-sin(half_aperture), cos(half_aperture)));
}

void main() {
    float d = length(v_local) - v_shape.x;
    float w = wedge(v_local, v_shape.z, v_shape.w);
    vec4 color = v_fill * coverage(max(d, w));
    if (v_shape.y > 0.0) {
        float hw = 0.5 * v_shape.y;
        float s = band_coverage(d, hw) * coverage(w);
        color = v_stroke * s + color * (1.0 - s * v_stroke.a);
    }
    if (color.a <= 0.0) {
        discard;
    }
    f_color = color;
}
#endif

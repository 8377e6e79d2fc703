// rect.glsl: rounded rectangles with a fill and a stroke centred on the edge.
// Each instance is a quad grown by the half stroke and one anti-aliasing margin.
// Instance inputs (layout RECT in nnviz/render/layouts.py):
//   i_box     x0 y0 x1 y1 (corners in any order)
//   i_style   corner radius, stroke width
//   i_fill    premultiplied RGBA
//   i_stroke  premultiplied RGBA
// Distance: rounded_box in common.glsl (I. Quilez, sdRoundedBox). Anti-aliasing and
// compositing: fill_and_stroke in common.glsl.
#include "common.glsl"

#if defined VERTEX_SHADER
in vec4 i_box;        // x0 y0 x1 y1
in vec2 i_style;      // corner radius, stroke width
in vec4 i_fill;       // premultiplied
in vec4 i_stroke;     // premultiplied

out vec2 v_local;
flat out vec2 v_half;
flat out vec2 v_style;
flat out vec4 v_fill;
flat out vec4 v_stroke;

void main() {
    vec2 lo = min(i_box.xy, i_box.zw);
    vec2 hi = max(i_box.xy, i_box.zw);
    float grow = 0.5 * i_style.y + aa_margin();
    vec2 p = mix(lo - grow, hi + grow, quad_corner(gl_VertexID));
    v_half = 0.5 * (hi - lo);
    v_local = p - 0.5 * (lo + hi);
    v_style = vec2(min(i_style.x, min(v_half.x, v_half.y)), i_style.y);
    v_fill = i_fill;
    v_stroke = i_stroke;
    gl_Position = to_clip(p);
}
#endif

#if defined FRAGMENT_SHADER
in vec2 v_local;
flat in vec2 v_half;
flat in vec2 v_style;
flat in vec4 v_fill;
flat in vec4 v_stroke;
out vec4 f_color;

void main() {
    float d = rounded_box(v_local, v_half, v_style.x);
    vec4 color = fill_and_stroke(d, v_fill, v_stroke, v_style.y, vec4(0.0));
    if (color.a <= 0.0) {
        discard;
    }
    f_color = color;
}
#endif

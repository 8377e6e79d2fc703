// panel_edge.glsl: pass 2 of panels, the ring between the inner box and the outer edge,
// plus the drop shadow, as a 10-vertex triangle strip (see panel_common.glsl).
// Instance inputs (layout PANEL in nnviz/render/layouts.py):
//   i_box            x0 y0 x1 y1
//   i_style          corner radius, stroke width
//   i_fill           premultiplied RGBA
//   i_stroke         premultiplied RGBA
//   i_shadow         premultiplied RGBA (transparent: no shadow)
//   i_shadow_offset  dx dy
// Distance: rounded_box in common.glsl (I. Quilez, sdRoundedBox). The shadow is the same
// box, offset, with its edge blurred by a smoothstep over the offset length: a cheap
// stand-in for the Gaussian-blurred box of E. Wallace, "Fast rounded rectangle shadows",
// https://madebyevan.com/shaders/fast-rounded-rectangle-shadows/. Anti-aliasing and
// compositing: fill_and_stroke in common.glsl.
#include "common.glsl"
#include "panel_common.glsl"

#if defined VERTEX_SHADER
in vec4 i_box;
in vec2 i_style;      // corner radius, stroke width
in vec4 i_fill;
in vec4 i_stroke;
in vec4 i_shadow;
in vec2 i_shadow_offset;

out vec2 v_local;
flat out vec2 v_half;
flat out vec2 v_style;
flat out vec4 v_fill;
flat out vec4 v_stroke;
flat out vec4 v_shadow;
flat out vec2 v_shadow_offset;

vec2 corner(vec4 box, int k) {
    // Clockwise from the top-left: (lo.x, lo.y) (hi.x, lo.y) (hi.x, hi.y) (lo.x, hi.y).
    return vec2((k == 1 || k == 2) ? box.z : box.x, (k >= 2) ? box.w : box.y);
}

void main() {
    vec2 lo = min(i_box.xy, i_box.zw);
    vec2 hi = max(i_box.xy, i_box.zw);
    float shadow = i_shadow.a > 0.0 ? max(abs(i_shadow_offset.x), abs(i_shadow_offset.y)) : 0.0;
    float grow = 0.5 * i_style.y + aa_margin() + shadow * 2.0;
    vec4 outer = vec4(lo - grow, hi + grow);
    vec4 inner = panel_inner_box(i_box, i_style);
    int k = (gl_VertexID >> 1) & 3;
    vec2 p = (gl_VertexID & 1) == 0 ? corner(outer, k) : corner(inner, k);
    v_half = 0.5 * (hi - lo);
    v_local = p - 0.5 * (lo + hi);
    v_style = vec2(min(i_style.x, min(v_half.x, v_half.y)), i_style.y);
    v_fill = i_fill;
    v_stroke = i_stroke;
    v_shadow = i_shadow;
    v_shadow_offset = i_shadow_offset;
    gl_Position = to_clip(p);
}
#endif

#if defined FRAGMENT_SHADER
in vec2 v_local;
flat in vec2 v_half;
flat in vec2 v_style;
flat in vec4 v_fill;
flat in vec4 v_stroke;
flat in vec4 v_shadow;
flat in vec2 v_shadow_offset;
out vec4 f_color;

void main() {
    float d = rounded_box(v_local, v_half, v_style.x);
    // A soft shadow: the same shape, offset, with an edge blurred over the offset length.
    float blur = max(length(v_shadow_offset), aa_margin());
    float ds = rounded_box(v_local - v_shadow_offset, v_half, v_style.x);
    vec4 shadow = v_shadow * (1.0 - smoothstep(-blur, blur, ds));
    vec4 color = fill_and_stroke(d, v_fill, v_stroke, v_style.y, shadow);
    if (color.a <= 0.0) {
        discard;
    }
    f_color = color;
}
#endif

// panel_fill.glsl: pass 1 of panels, the inner box in plain colour (see panel_common.glsl).
// Each instance is a quad over the inner box. Instance inputs (the first three fields
// of layout PANEL in nnviz/render/layouts.py):
//   i_box     x0 y0 x1 y1
//   i_style   corner radius, stroke width (to find the inner box)
//   i_fill    premultiplied RGBA
// No distance field and no anti-aliasing: every pixel of the inner box is fully covered.
#include "common.glsl"
#include "panel_common.glsl"

#if defined VERTEX_SHADER
in vec4 i_box;
in vec2 i_style;
in vec4 i_fill;

flat out vec4 v_fill;

void main() {
    vec4 inner = panel_inner_box(i_box, i_style);
    v_fill = i_fill;
    gl_Position = to_clip(mix(inner.xy, inner.zw, quad_corner(gl_VertexID)));
}
#endif

#if defined FRAGMENT_SHADER
flat in vec4 v_fill;
out vec4 f_color;

void main() {
    f_color = v_fill;
}
#endif

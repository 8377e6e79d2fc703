// Pass 1 of panels: the inner box in plain colour (see panel_common.glsl).
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

// text.glsl: glyph quads sampled from the signed-distance-field atlas, crisp at any zoom.
// Each instance is one glyph's quad. Instance inputs (layout TEXT in
// nnviz/render/layouts.py):
//   i_rect   x0 y0 x1 y1 of the quad (layer units)
//   i_uv     u0 v0 u1 v1 in the atlas
//   i_color  premultiplied RGBA
// Uniform u_atlas: the single-channel atlas built by nnviz/render/font.py (edge at 0.5).
// Technique: C. Green, "Improved Alpha-Tested Magnification for Vector Textures and
// Special Effects", SIGGRAPH 2007. Anti-aliasing: a smoothstep across the edge over the
// distance's screen-space derivative (fwidth), i.e. about one pixel at any scale.
#include "common.glsl"

#if defined VERTEX_SHADER
in vec4 i_rect;       // x0 y0 x1 y1
in vec4 i_uv;         // u0 v0 u1 v1
in vec4 i_color;

out vec2 v_uv;
flat out vec4 v_color;

void main() {
    vec2 corner = quad_corner(gl_VertexID);
    v_uv = mix(i_uv.xy, i_uv.zw, corner);
    v_color = i_color;
    gl_Position = to_clip(mix(i_rect.xy, i_rect.zw, corner));
}
#endif

#if defined FRAGMENT_SHADER
uniform sampler2D u_atlas;
in vec2 v_uv;
flat in vec4 v_color;
out vec4 f_color;

void main() {
    float d = texture(u_atlas, v_uv).r;
    float w = max(0.5 * fwidth(d), 1e-4);
    float a = smoothstep(0.5 - w, 0.5 + w, d);
    if (a <= 0.0) {
        discard;
    }
    f_color = v_color * a;
}
#endif

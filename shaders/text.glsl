// text.glsl: glyph quads sampled from the signed-distance-field atlas, crisp at any zoom.
// Each instance is one glyph's quad. Instance inputs (layout TEXT in
// nnviz/render/layouts.py):
//   i_rect   x0 y0 x1 y1 of the quad (layer units)
//   i_uv     u0 v0 u1 v1 in the atlas
//   i_color  premultiplied RGBA
// Uniform u_atlas: the single-channel atlas built by nnviz/render/font.py (edge at 0.5,
// SDF_SPREAD_PX atlas pixels of distance on each side, injected by the loader).
// Technique: C. Green, "Improved Alpha-Tested Magnification for Vector Textures and
// Special Effects", SIGGRAPH 2007. Anti-aliasing: the sampled value is turned into a
// distance in screen pixels and covered by a one-pixel ramp, as coverage() in
// common.glsl does. The pixels per atlas texel come from the derivatives of the
// texture coordinates, not from fwidth of the sampled value: on the ridge of a stem
// thinner than two pixels fwidth(d) collapses or jumps, which erased whole strokes
// (the "l" of "layer", the stem of "p") at 8-11 px.
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

// Atlas texels per screen pixel at this fragment (the root mean square of the two axes,
// so rotated or stretched text gets the average footprint).
float texels_per_pixel() {
    vec2 texels = vec2(textureSize(u_atlas, 0));
    vec2 along_x = dFdx(v_uv) * texels;
    vec2 along_y = dFdy(v_uv) * texels;
    return sqrt(0.5 * (dot(along_x, along_x) + dot(along_y, along_y)));
}

void main() {
    float d = texture(u_atlas, v_uv).r;
    // Atlas value per screen pixel of distance: texels per pixel / (2 * spread).
    float per_pixel = max(texels_per_pixel() / (2.0 * float(SDF_SPREAD_PX)), 1e-6);
    float a = clamp(0.5 + (d - 0.5) / per_pixel, 0.0, 1.0);
    if (a <= 0.0) {
        discard;
    }
    f_color = v_color * a;
}
#endif

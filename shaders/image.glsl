// image.glsl: small pictures (heat maps) as textured quads from the layer's image atlas.
// Why: a heat map of 128x128 values drawn as one distance-field rectangle per cell cost
// thousands of instances and their overdraw on a software rasteriser; as an image it is
// one quad that samples a texture, and the cells' colours are the texels.
// Each instance is one image's quad, grown by one anti-aliasing margin so its outer edge
// is covered over one pixel like a rectangle's (the texture coordinates are clamped to the
// image there, so the margin repeats its edge). Instance inputs (layout IMAGE in
// nnviz/render/layouts.py):
//   i_rect      x0 y0 x1 y1 (layer units; (x0, y0) shows the (u0, v0) corner)
//   i_uv        u0 v0 u1 v1 in the atlas (nnviz/render/images.py packs it)
//   i_tint      premultiplied RGBA multiplied into every texel (opacity, a colour wash)
//   i_sampling  1: bilinear between texel centres (a heat map's values are samples at its
//               cells' centres, so this is their linear reconstruction); 0: nearest, each
//               texel a flat square, by snapping to the texel's centre
// Uniform u_image: the atlas, premultiplied RGBA8 with LINEAR filtering; each image is
// padded by its own edge texels, so filtering never reads a neighbour (clamp-to-edge).
// Anti-aliasing of the edge: coverage() of rounded_box() in common.glsl.
#include "common.glsl"

#if defined VERTEX_SHADER
in vec4 i_rect;       // x0 y0 x1 y1
in vec4 i_uv;         // u0 v0 u1 v1
in vec4 i_tint;       // premultiplied
in float i_sampling;  // 1 smooth, 0 nearest

out vec2 v_local;
out vec2 v_uv;
flat out vec2 v_half;
flat out vec4 v_uv_box;
flat out vec4 v_tint;
flat out float v_smooth;

void main() {
    vec2 lo = min(i_rect.xy, i_rect.zw);
    vec2 hi = max(i_rect.xy, i_rect.zw);
    float grow = aa_margin();
    vec2 p = mix(lo - grow, hi + grow, quad_corner(gl_VertexID));
    // Texture coordinates follow the (possibly reversed) corners; beyond the box they run
    // on and are clamped to the image in the fragment shader.
    vec2 t = (p - i_rect.xy) / (i_rect.zw - i_rect.xy);
    v_uv = mix(i_uv.xy, i_uv.zw, t);
    v_uv_box = vec4(min(i_uv.xy, i_uv.zw), max(i_uv.xy, i_uv.zw));
    v_half = 0.5 * (hi - lo);
    v_local = p - 0.5 * (lo + hi);
    v_tint = i_tint;
    v_smooth = i_sampling;
    gl_Position = to_clip(p);
}
#endif

#if defined FRAGMENT_SHADER
uniform sampler2D u_image;
in vec2 v_local;
in vec2 v_uv;
flat in vec2 v_half;
flat in vec4 v_uv_box;
flat in vec4 v_tint;
flat in float v_smooth;
out vec4 f_color;

void main() {
    float a = coverage(rounded_box(v_local, v_half, 0.0));
    if (a <= 0.0) {
        discard;
    }
    vec2 size = vec2(textureSize(u_image, 0));
    vec2 uv = v_uv;
    if (v_smooth < 0.5) {
        uv = (floor(uv * size) + 0.5) / size;
    }
    // Keep to the image's texel centres: the margin and the border repeat its edge.
    vec2 half_texel = 0.5 / size;
    uv = clamp(uv, v_uv_box.xy + half_texel, v_uv_box.zw - half_texel);
    f_color = texture(u_image, uv) * v_tint * a;
}
#endif

// common.glsl: included by every primitive program; draws nothing itself.
// Provides the layer transform, the anti-aliasing helpers, the dash pattern and the
// rounded-box distance. Coordinates are in the layer's space (world units or pixels), y down.
// Inputs (uniforms, set per layer by the renderer):
//   u_transform    layer space -> normalized device coordinates (nnviz/render/transform.py)
//   u_px_per_unit  screen pixels per layer unit, for anti-aliasing over one pixel
// Anti-aliasing: a signed distance d (negative inside) covers a pixel by about
// clamp(0.5 - d * px_per_unit, 0, 1), a one-pixel box filter across a straight edge, as
// in C. Green, "Improved Alpha-Tested Magnification for Vector Textures and Special
// Effects", SIGGRAPH 2007. Strokes thinner than a pixel keep one pixel and fade with their
// width instead of breaking up (E. Persson, "Phone-wire AA", GPU Pro 5, 2014).
// Distances: rounded box after I. Quilez, "2D distance functions",
// https://iquilezles.org/articles/distfunctions2d/ (sdRoundedBox).

uniform mat3 u_transform;     // layer space -> normalized device coordinates
uniform float u_px_per_unit;  // screen pixels per layer unit (camera zoom)

// One corner of a unit quad for a 4-vertex triangle strip: (0,0) (1,0) (0,1) (1,1).
vec2 quad_corner(int vertex_id) {
    return vec2(float(vertex_id & 1), float(vertex_id >> 1));
}

vec4 to_clip(vec2 p) {
    vec3 ndc = u_transform * vec3(p, 1.0);
    return vec4(ndc.xy, 0.0, 1.0);
}

// Half a pixel in layer units: quads grow by this so edges have room to fade.
float aa_margin() {
    return 1.0 / u_px_per_unit;
}

// Coverage of a shape whose signed distance (layer units, negative inside) is d.
float coverage(float d) {
    return clamp(0.5 - d * u_px_per_unit, 0.0, 1.0);
}

// Coverage of a band of half-width `half_width` around an edge at distance d.
// Bands thinner than a pixel keep one pixel and fade instead, so they never shimmer.
float band_coverage(float d, float half_width) {
    float width_px = 2.0 * half_width * u_px_per_unit;
    float fade = clamp(width_px, 0.0, 1.0);
    float hw = max(half_width, 0.5 / u_px_per_unit);
    return coverage(abs(d) - hw) * fade;
}

// Dash mask along a stroke: 1 inside a dash, 0 in a gap, anti-aliased ends.
// `s` is the distance along the stroke, `phase` how far the pattern has moved, in
// [0, dash + gap): the renderer computes it on the CPU from the flow speed and the
// animation time (nnviz/render/dashes.py), so it stays exact however long the app runs.
float dash_mask(float s, float dash, float gap, float phase) {
    if (dash <= 0.0 || gap <= 0.0) {
        return 1.0;
    }
    float period = dash + gap;
    float m = mod(s - phase, period);
    float d = abs(m - 0.5 * dash) - 0.5 * dash;  // negative inside the dash
    return coverage(d);
}

// Signed distance to a rectangle of half size `half_size` with corners rounded by `r`.
float rounded_box(vec2 p, vec2 half_size, float r) {
    vec2 q = abs(p) - half_size + r;
    return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - r;
}

// A filled shape at distance d with a stroke band centred on its edge, composited
// (premultiplied) over `under`.
vec4 fill_and_stroke(float d, vec4 fill, vec4 stroke, float stroke_width, vec4 under) {
    float f = coverage(d);
    vec4 color = fill * f + under * (1.0 - fill.a * f);
    if (stroke_width > 0.0) {
        float s = band_coverage(d, 0.5 * stroke_width);
        color = stroke * s + color * (1.0 - s * stroke.a);
    }
    return color;
}

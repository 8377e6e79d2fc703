// Panels are drawn in two passes: a cheap solid fill of the inner box, then the SDF
// shader only on the ring around it (edge, stroke, corner rounding, drop shadow). On a
// software rasteriser that halves the cost of large backgrounds.
// Instance layout shared by both passes: box, (radius, stroke width), fill, stroke,
// shadow colour, shadow offset.

// The part of the panel every pixel of which is plain fill: inset past the rounded
// corners, the stroke and the anti-aliased edge. Never inverted for small panels.
vec4 panel_inner_box(vec4 box, vec2 style) {
    vec2 lo = min(box.xy, box.zw);
    vec2 hi = max(box.xy, box.zw);
    vec2 mid = 0.5 * (lo + hi);
    float inset = style.x + 0.5 * style.y + 2.0 * aa_margin();
    return vec4(min(lo + inset, mid), max(hi - inset, mid));
}

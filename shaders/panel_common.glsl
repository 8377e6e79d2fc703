// panel_common.glsl: included by the two panel passes; draws nothing itself.
// Panels are drawn in two passes: a cheap solid fill of the inner box (panel_fill.glsl),
// then the distance-field shader only on the ring around it (panel_edge.glsl: edge,
// stroke, corner rounding, drop shadow). On a software rasteriser that halves the cost of
// large backgrounds. Both read the instance layout PANEL (nnviz/render/layouts.py): box,
// (radius, stroke width), fill, stroke, shadow colour, shadow offset.
// PANEL_AA_INSET_PX comes from nnviz/render/gpu_constants.py; the renderer clears the
// inner box of opaque panels with the same inset, so the two never leave a seam.

// The part of the panel every pixel of which is plain fill: inset past the rounded
// corners, the stroke and the anti-aliased edge. Never inverted for small panels.
vec4 panel_inner_box(vec4 box, vec2 style) {
    vec2 lo = min(box.xy, box.zw);
    vec2 hi = max(box.xy, box.zw);
    vec2 mid = 0.5 * (lo + hi);
    float inset = style.x + 0.5 * style.y + PANEL_AA_INSET_PX * aa_margin();
    return vec4(min(lo + inset, mid), max(hi - inset, mid));
}

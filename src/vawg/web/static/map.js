/* The Safety in Public map (vawg): vendored Leaflet over GeoJSON from this app only, no tiles. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var CLASS_DASH = { "Hot spot 99%": null, "Hot spot 95%": null, "Hot spot 90%": "4 2" };
  function style(feature) {
    var p = feature.properties, s = p.style || {}, hot = p.label.indexOf("Hot") === 0, cold = p.label.indexOf("Cold") === 0;
    return {
      color: hot ? "#67001f" : (cold ? "#053061" : "#999"),
      weight: hot || cold ? 2 : 0.5,
      dashArray: CLASS_DASH[p.label] || (cold ? "2 3" : null),
      fillColor: s.fill || "#f7f7f7",
      fillOpacity: p.label === "Not significant" && !p.count ? 0.1 : 0.75
    };
  }
  function text(p) {
    var count = p.count === null ? "withheld (under the disclosure threshold)" : String(p.count);
    var out = p.label + " · cell " + p.unit + " · crimes: " + count;
    if (p.z !== null) { out += " · z " + p.z; }
    if (p.emerging) { out += " · " + p.emerging; }
    return out;
  }
  var map = L.map(el, { attributionControl: false, zoomSnap: 0.25 });
  fetch(el.getAttribute("data-layers"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (layers) {
      var bounds = null;
      if (layers.outline) {
        var outline = L.geoJSON(layers.outline, { style: { color: "#222", weight: 2, fill: false }, interactive: false }).addTo(map);
        bounds = outline.getBounds();
      }
      var cells = layers.hexagons || layers.lsoas;
      var layer = L.geoJSON(cells, {
        style: style,
        pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 5 }); },
        onEachFeature: function (f, l) { l.bindTooltip(text(f.properties)); l.bindPopup(text(f.properties)); }
      }).addTo(map);
      map.fitBounds(bounds && bounds.isValid() ? bounds : layer.getBounds());
    })
    .catch(function () { el.textContent = "The map layers could not be loaded; the table lists the cells."; });
})();

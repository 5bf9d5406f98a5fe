// Map view: MapLibre GL with an offline basemap — country shapes from world-atlas
// (Natural Earth 1:110m, TopoJSON) converted with topojson-client; no tile server, no network.
// Facilities, bases and stations are points from their `location`; rail and transit links
// (connects/transports relations, or relations with mode rail) are lines; colour shows kind, or
// the impact of the selected scenario run.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl-worker?url';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import type { GraphData } from '../../../src/server/contract.js';
import { isValidAt } from '../../../src/model/dates.js';
import { api } from '../api.js';
import { colourOf, h, impactColour, legend } from '../dom.js';
import type { ViewContext, ViewHandle } from '../main.js';
import { go, type State } from '../state.js';

maplibregl.setWorkerUrl(new URL(workerUrl, location.href).href);

const LINE_TYPES = new Set(['connects', 'transports']);

export async function mapView(root: HTMLElement, ctx: ViewContext): Promise<ViewHandle> {
  const data: GraphData = await api.graph();
  // States are drawn as country shapes; points are the things that sit somewhere (facilities, bases,
  // stations, units, plants…).
  const located = data.nodes.filter((n) => n.location && n.kind !== 'state');
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const mode = h(
    'select',
    { 'aria-label': 'Colour points by', id: 'm-colour' },
    h('option', { value: 'kind' }, 'kind'),
    h('option', { value: 'impact' }, 'scenario impact'),
  );
  const legendBox = h('div', { class: 'legend-box' });
  const info = h('div', { class: 'muted small', id: 'm-info' });
  const el = h('div', { class: 'map', id: 'map-canvas', style: 'position:absolute;inset:0' });
  root.append(
    h('div', { class: 'toolbar' }, h('label', {}, 'colour ', mode), info),
    h('div', { class: 'graph-wrap' }, el, h('div', { class: 'overlay' }, legendBox)),
  );

  const countries = feature(
    world as unknown as Topology,
    (world as unknown as Topology).objects.countries as GeometryCollection,
  );
  // Frame the facilities (or, without any, every point), trimming far outliers.
  const framed = located.some((n) => n.kind === 'facility')
    ? located.filter((n) => n.kind === 'facility')
    : located;
  const trim = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const k = Math.floor(s.length * 0.05);
    return s.slice(k, s.length - k || undefined);
  };
  const lons = trim(framed.map((n) => n.location!.lon));
  const lats = trim(framed.map((n) => n.location!.lat));
  const map = new maplibregl.Map({
    container: el,
    attributionControl: false,
    style: {
      version: 8,
      sources: { countries: { type: 'geojson', data: countries as GeoJSON.FeatureCollection } },
      layers: [
        { id: 'sea', type: 'background', paint: { 'background-color': '#dfe9f2' } },
        {
          id: 'land',
          type: 'fill',
          source: 'countries',
          paint: { 'fill-color': '#f7f5ef', 'fill-outline-color': '#b9b4a7' },
        },
        {
          id: 'borders',
          type: 'line',
          source: 'countries',
          paint: { 'line-color': '#a8a295', 'line-width': 0.7 },
        },
      ],
    },
    center: located.length
      ? [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2]
      : [30, 54],
    zoom: 3,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  (window as unknown as { __tylMap: unknown }).__tylMap = map;
  await new Promise<void>((r) => (map.loaded() ? r() : map.once('load', () => r())));
  if (located.length > 1)
    map.fitBounds([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], {
      padding: 80,
      duration: 0,
      maxZoom: 7,
    });

  let impact: Map<string, number> | null = null;
  let asOf: string | undefined;
  let selected: string | undefined;
  const pointsGeo = (): GeoJSON.FeatureCollection => ({
    type: 'FeatureCollection',
    features: located
      .filter((n) => !asOf || isValidAt(n.valid, asOf))
      .map((n) => ({
        type: 'Feature',
        id: data.nodes.indexOf(n),
        properties: {
          id: n.id,
          name: n.name,
          color:
            mode.value === 'impact'
              ? impact?.has(n.id)
                ? impactColour(impact.get(n.id)!)
                : '#bbbbbb'
              : colourOf('kind', n.kind),
          selected: n.id === selected,
        },
        geometry: { type: 'Point', coordinates: [n.location!.lon, n.location!.lat] },
      })),
  });
  const linesGeo = (): GeoJSON.FeatureCollection => ({
    type: 'FeatureCollection',
    features: data.edges
      .filter(
        (e) =>
          e.layer === 'relation' &&
          (LINE_TYPES.has(e.type) || /rail/.test(e.type)) &&
          byId.get(e.from)?.location &&
          byId.get(e.to)?.location,
      )
      .filter((e) => !asOf || isValidAt(e.valid, asOf))
      .map((e) => {
        const a = byId.get(e.from)!.location!;
        const b = byId.get(e.to)!.location!;
        return {
          type: 'Feature',
          properties: { id: e.id, type: e.type },
          geometry: {
            type: 'LineString',
            coordinates: [
              [a.lon, a.lat],
              [b.lon, b.lat],
            ],
          },
        };
      }),
  });
  map.addSource('links', { type: 'geojson', data: linesGeo() });
  map.addSource('points', { type: 'geojson', data: pointsGeo() });
  map.addLayer({
    id: 'links',
    type: 'line',
    source: 'links',
    paint: { 'line-color': '#5b4a8b', 'line-width': 2.5, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: 'points',
    type: 'circle',
    source: 'points',
    paint: {
      'circle-color': ['get', 'color'],
      'circle-radius': ['case', ['get', 'selected'], 10, 7],
      'circle-stroke-color': ['case', ['get', 'selected'], '#d62728', '#333333'],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, 1],
    },
  });
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'map-tip' });
  map.on('mousemove', 'points', (e) => {
    const f = e.features?.[0];
    if (!f) return;
    map.getCanvas().style.cursor = 'pointer';
    popup.setLngLat(e.lngLat).setText(String(f.properties.name)).addTo(map);
  });
  map.on('mouseleave', 'points', () => {
    map.getCanvas().style.cursor = '';
    popup.remove();
  });
  map.on('click', 'points', (e) => {
    const id = e.features?.[0]?.properties.id as string | undefined;
    if (id) go({ sel: id });
  });
  const refresh = () => {
    (map.getSource('points') as maplibregl.GeoJSONSource).setData(pointsGeo());
    (map.getSource('links') as maplibregl.GeoJSONSource).setData(linesGeo());
    legendBox.replaceChildren(
      mode.value === 'impact'
        ? h(
            'div',
            { class: 'legend' },
            'impact: ',
            h('span', { class: 'ramp' }),
            impact ? '' : ' (run a scenario first)',
          )
        : legend('kind', [...new Set(located.map((n) => n.kind))]),
    );
    info.textContent = `${located.length} located entities of ${data.nodes.length}; ${linesGeo().features.length} rail/transit links${asOf ? ` valid in ${asOf}` : ''}`;
  };
  mode.addEventListener('change', refresh);
  void ctx;

  let lastRun: string | undefined = '∅';
  return {
    async update(s: State) {
      map.resize();
      asOf = s.date;
      selected = s.sel;
      if (s.runs?.[0] !== lastRun) {
        lastRun = s.runs?.[0];
        impact = null;
        if (lastRun) {
          try {
            const run = await api.run(lastRun);
            impact = new Map([
              ...run.result.series.map((x) => [x.id, 1 - x.min] as const),
              ...(run.result.nodes ?? []).map((x) => [x.id, 1 - x.min] as const),
            ]);
          } catch {
            impact = null;
          }
        }
      }
      refresh();
      const n = s.sel ? byId.get(s.sel) : undefined;
      if (n?.location) map.easeTo({ center: [n.location.lon, n.location.lat], duration: 300 });
    },
  };
}

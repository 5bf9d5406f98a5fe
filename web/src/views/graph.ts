// Graph view: the model's entities and links drawn with sigma.js (WebGL) on a graphology graph.
// Colour by kind or country, size by degree, exposure or scenario impact; filters by kind,
// country, tag and text; an as-of slider replays the relationship year by year; selecting a node
// lights up what it rests on (its providers, transitively) and marks single points of failure.
import { MultiDirectedGraph } from 'graphology';
import { DEFAULT_STYLES } from 'sigma';
import { pathLine, pathLoop } from 'sigma/rendering';
import type { GraphData, StructureData } from '../../../src/server/contract.js';
import { isValidAt } from '../../../src/model/dates.js';
import { api } from '../api.js';
import { colourOf, h, impactColour, legend } from '../dom.js';
import type { ViewContext, ViewHandle } from '../main.js';
import { go, type State } from '../state.js';
import { MotionSigma } from './motion-sigma.js';

/** A node's data and, below it, how it is drawn (written by `restyle`, read by sigma's styles). */
interface NodeAttrs {
  x: number;
  y: number;
  name: string;
  /** Size and colour from the size-by and colour-by choices, before selection styling. */
  baseSize: number;
  baseColor: string;
  size: number;
  color: string;
  label: string | null;
  visibility: 'visible' | 'hidden';
  labelVisibility: 'visible' | 'auto';
  zIndex: number;
  kind: string;
  country?: string;
  tags: string[];
  valid?: { from?: string; to?: string };
  search: string;
}

export async function graphView(root: HTMLElement, ctx: ViewContext): Promise<ViewHandle> {
  const { model } = ctx;
  const data: GraphData = await api.graph();
  let structure: StructureData | null = null;
  let impact: Map<string, number> | null = null;

  const opt = (v: string, label = v) => h('option', { value: v }, label);
  const colourBy = h(
    'select',
    { 'aria-label': 'Colour by', id: 'g-colour' },
    opt('kind'),
    opt('country'),
    opt('impact', 'scenario impact'),
  );
  const sizeBy = h(
    'select',
    { 'aria-label': 'Size by', id: 'g-size' },
    opt('degree'),
    opt('exposure'),
    opt('impact', 'scenario impact'),
  );
  const kindF = h(
    'select',
    { 'aria-label': 'Kind', id: 'g-kind' },
    opt('', 'all kinds'),
    model.kinds.map((k) => opt(k)),
  );
  const countryF = h(
    'select',
    { 'aria-label': 'Country', id: 'g-country' },
    opt('', 'all countries'),
    model.countries.map((k) => opt(k)),
  );
  const tagF = h(
    'select',
    { 'aria-label': 'Tag', id: 'g-tag' },
    opt('', 'all tags'),
    model.tags.map((k) => opt(k)),
  );
  const textF = h('input', {
    type: 'search',
    placeholder: 'filter by name',
    'aria-label': 'Filter by name',
    id: 'g-text',
  });
  const layerF = h(
    'select',
    { 'aria-label': 'Links', id: 'g-layer' },
    opt('both', 'relations + dependencies'),
    opt('dependency', 'dependencies'),
    opt('relation', 'relations'),
  );
  const years = model.replay;
  const slider = h('input', {
    type: 'range',
    min: years.from,
    max: years.to,
    step: 1,
    value: years.to,
    id: 'g-date',
    'aria-label': 'As-of year',
  });
  const allTime = h('input', { type: 'checkbox', id: 'g-all', checked: true });
  const dateLabel = h('output', { id: 'g-date-label', for: 'g-date' }, 'all dates');
  const play = h('button', { title: 'Replay the years', id: 'g-play' }, '▶');
  const legendBox = h('div', { class: 'legend-box' });
  const info = h('div', { class: 'muted small', id: 'g-info' });
  const canvas = h('div', { class: 'sigma', id: 'graph-canvas', tabindex: 0, 'aria-label': 'Graph canvas' });
  root.append(
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, 'colour ', colourBy),
      h('label', {}, 'size ', sizeBy),
      kindF,
      countryF,
      tagF,
      textF,
      layerF,
      h('span', { class: 'date' }, h('label', {}, allTime, ' all dates'), slider, dateLabel, play),
    ),
    h('div', { class: 'graph-wrap' }, canvas, h('div', { class: 'overlay' }, legendBox, info)),
  );

  // Build the graph once; filters and selection only change how it is drawn (reducers).
  const g = new MultiDirectedGraph<NodeAttrs>({ allowSelfLoops: true });
  data.nodes.forEach((n) =>
    g.addNode(n.id, {
      x: n.x,
      y: n.y,
      name: n.name,
      baseSize: 4,
      baseColor: '#888',
      size: 4,
      color: '#888',
      label: n.name,
      visibility: 'visible',
      labelVisibility: 'auto',
      zIndex: 0,
      kind: n.kind,
      country: n.country,
      tags: n.tags,
      valid: n.valid,
      search: `${n.id} ${n.name}`.toLowerCase(),
    }),
  );
  for (const e of data.edges)
    if (g.hasNode(e.from) && g.hasNode(e.to))
      g.addDirectedEdgeWithKey(e.id, e.from, e.to, {
        layer: e.layer,
        valid: e.valid,
        type: e.type,
        dependency: e.dependency,
        baseSize: e.layer === 'dependency' ? 1.5 : 1,
        size: 1,
        color: '#d0d0d0',
        visibility: 'visible',
        zIndex: 0,
      });

  const exposureOf = () => new Map((structure?.rows ?? []).map((r) => [r.target, r.exposure ?? 0]));
  const applySizes = () => {
    const by = sizeBy.value;
    const ex = exposureOf();
    const n = g.order;
    const base = n > 2000 ? 1.5 : 3;
    g.forEachNode((id) => {
      let s: number;
      if (by === 'exposure') s = base + 9 * (ex.get(id) ?? 0);
      else if (by === 'impact') s = base + 9 * (impact?.get(id) ?? 0);
      else s = base + Math.min(8, Math.sqrt(g.degree(id)) * 1.5);
      g.setNodeAttribute(id, 'baseSize', s);
    });
  };
  const applyColours = () => {
    const by = colourBy.value;
    g.forEachNode((id, a) =>
      g.setNodeAttribute(
        id,
        'baseColor',
        by === 'impact'
          ? impact?.has(id)
            ? impactColour(impact.get(id)!)
            : '#cfcfcf'
          : colourOf(by, by === 'kind' ? a.kind : a.country),
      ),
    );
    legendBox.replaceChildren(
      by === 'impact'
        ? h(
            'div',
            { class: 'legend' },
            'impact: ',
            h('span', { class: 'ramp' }),
            impact ? '' : ' (run a scenario first)',
          )
        : legend(by, by === 'kind' ? model.kinds : model.countries),
    );
  };

  // Selection: what the selected node rests on (providers, transitively, at the date) and its SPOFs.
  let selected: string | undefined;
  let upstream = new Set<string>();
  let upstreamEdges = new Set<string>();
  let spofs = new Set<string>();
  const asOf = () => (allTime.checked ? undefined : String(slider.value));
  const validNow = (v: { from?: string; to?: string } | undefined) => {
    const d = asOf();
    return !d || isValidAt(v, d);
  };
  const computeUpstream = () => {
    upstream = new Set();
    upstreamEdges = new Set();
    if (!selected || !g.hasNode(selected)) return;
    const stack = [selected];
    upstream.add(selected);
    while (stack.length) {
      const n = stack.pop()!;
      g.forEachInEdge(n, (e, a, src) => {
        if (a.layer !== 'dependency' || !validNow(a.valid) || !validNow(g.getNodeAttribute(src, 'valid')))
          return;
        upstreamEdges.add(e);
        if (!upstream.has(src)) {
          upstream.add(src);
          stack.push(src);
        }
      });
    }
    const row = structure?.rows.find((r) => r.target === selected);
    spofs = new Set(row?.spofs.map((s) => s.node) ?? []);
  };

  const visible = (id: string, a: NodeAttrs) => {
    if (!validNow(a.valid)) return false;
    if (kindF.value && a.kind !== kindF.value) return false;
    if (countryF.value && a.country !== countryF.value) return false;
    if (tagF.value && !a.tags.includes(tagF.value)) return false;
    const t = textF.value.trim().toLowerCase();
    if (t && !a.search.includes(t) && !(selected && upstream.has(id))) return false;
    return true;
  };
  const renderer = new MotionSigma(g, canvas, {
    // Straight edges only (plus loops when the model has any): sigma sizes every edge's vertex
    // strip for the longest declared path, and its default loop path takes 66 vertices an edge
    // against 4 for a line, which is most of a full frame's cost in software WebGL.
    primitives: { edges: { paths: g.selfLoopCount ? [pathLine(), pathLoop()] : [pathLine()] } },
    settings: {
      allowInvalidContainer: true,
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 6,
      // Large graphs drop edges and labels while the analyst pans or zooms, so frames stay fluid.
      hideEdgesOnMove: g.size > 3000,
      hideLabelsOnMove: g.order > 3000,
      itemSizesReference: 'screen',
    },
    // Items are drawn from attributes that `restyle` writes when a filter, the date or the
    // selection changes, not from reducers: sigma re-runs reducers over every node and edge
    // whenever its graph state changes (each pan or zoom gesture starting or ending, each hover),
    // which cost about 0.4 s a time on 40,000 items in software WebGL.
    styles: {
      nodes: [
        DEFAULT_STYLES.nodes,
        {
          visibility: { attribute: 'visibility', defaultValue: 'visible' },
          labelVisibility: {
            whenState: 'isHovered',
            then: 'visible',
            else: { attribute: 'labelVisibility', defaultValue: 'auto' },
          },
          zIndex: { attribute: 'zIndex', defaultValue: 0 },
        },
      ],
      edges: [
        DEFAULT_STYLES.edges,
        {
          visibility: { attribute: 'visibility', defaultValue: 'visible' },
          zIndex: { attribute: 'zIndex', defaultValue: 0 },
        },
      ],
    },
  });
  renderer.on('clickNode', ({ node }) => go({ sel: node }));
  renderer.on('clickStage', () => go({ sel: undefined }));
  (window as unknown as { __tylGraph: unknown }).__tylGraph = { renderer, graph: g };

  // How each node and edge is drawn, from the filters, the date and the selection.
  let highlighted: string | undefined;
  const restyle = () => {
    let shown = 0;
    g.updateEachNodeAttributes(
      (id, a) => {
        const base = {
          size: a.baseSize,
          color: a.baseColor,
          label: a.name,
          labelVisibility: 'auto' as const,
        };
        if (!visible(id, a)) return { ...a, ...base, visibility: 'hidden', zIndex: 0 };
        shown++;
        let style: Partial<NodeAttrs> = {};
        if (selected) {
          if (spofs.has(id))
            style = {
              color: '#d62728',
              label: `⚠ ${a.name} (single point of failure)`,
              labelVisibility: 'visible',
              zIndex: 2,
              size: a.baseSize + 3,
            };
          else if (id === selected) style = { labelVisibility: 'visible', zIndex: 2, size: a.baseSize + 3 };
          else if (upstream.has(id)) style = { labelVisibility: 'visible', zIndex: 1 };
          else style = { color: '#e4e4e4', label: null, zIndex: 0 };
        }
        return { ...a, ...base, visibility: 'visible', zIndex: 0, ...style };
      },
      { attributes: ['size', 'color', 'label', 'visibility', 'labelVisibility', 'zIndex'] },
    );
    g.updateEachEdgeAttributes(
      (id, a, _s, _t, sa, ta) => {
        const layer = a.layer as string;
        const hidden =
          (layerF.value !== 'both' && layer !== layerF.value) ||
          !validNow(a.valid as never) ||
          (sa as NodeAttrs).visibility === 'hidden' ||
          (ta as NodeAttrs).visibility === 'hidden';
        const style = hidden
          ? { visibility: 'hidden', zIndex: 0 }
          : selected
            ? upstreamEdges.has(id)
              ? { color: '#d62728', size: 2.5, zIndex: 1 }
              : { color: '#f0f0f0', zIndex: 0 }
            : { color: layer === 'dependency' ? '#9aa9c7' : '#d0d0d0', zIndex: 0 };
        return { ...a, size: a.baseSize, visibility: 'visible', ...style };
      },
      { attributes: ['size', 'color', 'visibility', 'zIndex'] },
    );
    if (highlighted !== selected) {
      if (highlighted && g.hasNode(highlighted)) renderer.setNodeState(highlighted, { isHighlighted: false });
      if (selected) renderer.setNodeState(selected, { isHighlighted: true });
      highlighted = selected;
    }
    return shown;
  };

  const redraw = () => {
    computeUpstream();
    const shown = restyle();
    info.textContent = `${shown} of ${g.order} nodes${asOf() ? ` valid in ${asOf()}` : ''}${selected ? ` · ${upstream.size - 1} upstream of the selection${spofs.size ? `, ${spofs.size} single point${spofs.size > 1 ? 's' : ''} of failure` : structure ? ', no single point of failure' : ''}` : ''}`;
  };
  const setDate = () => {
    dateLabel.textContent = allTime.checked ? 'all dates' : String(slider.value);
    go({ date: allTime.checked ? undefined : String(slider.value) }, true);
  };
  for (const el of [kindF, countryF, tagF, layerF]) el.addEventListener('change', redraw);
  textF.addEventListener('input', redraw);
  colourBy.addEventListener('change', () => (applyColours(), redraw()));
  sizeBy.addEventListener('change', () => (applySizes(), redraw()));
  slider.addEventListener('input', () => ((allTime.checked = false), setDate()));
  allTime.addEventListener('change', setDate);
  let playing: ReturnType<typeof setInterval> | undefined;
  play.addEventListener('click', () => {
    if (playing) {
      clearInterval(playing);
      playing = undefined;
      play.textContent = '▶';
      return;
    }
    play.textContent = '⏸';
    allTime.checked = false;
    slider.value = String(years.from);
    setDate();
    playing = setInterval(() => {
      if (Number(slider.value) >= years.to) {
        clearInterval(playing);
        playing = undefined;
        play.textContent = '▶';
        return;
      }
      slider.value = String(Number(slider.value) + 1);
      setDate();
    }, 900);
  });

  const loadStructure = async () => {
    if (!model.capabilities.structure) return;
    try {
      structure = await api.structure({ asOf: asOf() });
    } catch {
      structure = null;
    }
  };
  const loadImpact = async (runs: string[] | undefined) => {
    impact = null;
    if (!runs?.length) return;
    try {
      const run = await api.run(runs[0]);
      impact = new Map([
        ...run.result.series.map((s) => [s.id, 1 - s.min] as const),
        ...(run.result.nodes ?? []).map((x) => [x.id, 1 - x.min] as const),
      ]);
    } catch {
      impact = null;
    }
  };
  applySizes();
  applyColours();

  let lastDate: string | undefined = 'init';
  return {
    async update(s: State, prev) {
      if (s.date !== lastDate) {
        lastDate = s.date;
        allTime.checked = !s.date;
        if (s.date) slider.value = s.date.slice(0, 4);
        dateLabel.textContent = s.date ?? 'all dates';
        // Structural analysis (SPOFs, exposure) arrives after the first frame; the graph does not wait.
        const date = s.date;
        void loadStructure().then(() => {
          if (lastDate !== date) return;
          applySizes();
          redraw();
        });
        applySizes();
      }
      if (!prev || prev.runs?.[0] !== s.runs?.[0]) {
        await loadImpact(s.runs);
        applySizes();
        applyColours();
      }
      selected = s.sel && g.hasNode(s.sel) ? s.sel : undefined;
      redraw();
      if (selected && (!prev || prev.sel !== s.sel)) {
        const d = renderer.getNodeDisplayData(selected);
        if (d) renderer.getCamera().animate({ x: d.x, y: d.y }, { duration: 300 });
      }
      renderer.resize();
    },
  };
}

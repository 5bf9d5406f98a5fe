import type { Command } from '../command.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelAt } from '../model-arg.js';
import { findEntity } from '../../model/find-entity.js';
import { entityCard, type EntityCard } from '../../model/entity-card.js';
import { UserError } from '../../model/problem.js';
import type { AttributeValue, Citation, Evidence } from '../../model/types.js';
import { formatNumber, formatQuantity, textTable } from '../text-table.js';

const cite = (c: Citation) => `${c.source} §${c.section} ¶${c.paragraph}${c.to ? `–${c.to}` : ''}`;

function evidence(e: Evidence): string {
  const parts: string[] = [];
  if (e.valid?.from || e.valid?.to) parts.push(`valid ${e.valid.from ?? '…'} to ${e.valid.to ?? '…'}`);
  if (e.confidence) parts.push(`confidence ${e.confidence}`);
  if (e.estimate) parts.push('estimate');
  if (e.cite.length) parts.push(e.cite.map(cite).join('; '));
  return parts.length ? `  [${parts.join(', ')}]` : '';
}

function value(v: AttributeValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.join(', ');
  return formatQuantity(v);
}

/** The entity card as the lines `tyl show` prints. */
export function formatCard(card: EntityCard): string[] {
  const e = card.entity;
  const out = [
    `${e.name} (${e.id})`,
    `${e.kind}${e.type ? `/${e.type}` : ''}${e.country ? `, ${e.country}` : ''}${e.location ? `, ${e.location.lat}, ${e.location.lon}` : ''}${evidence(e)}`,
  ];
  if (e.aliases.length) out.push(`also: ${e.aliases.join(', ')}`);
  if (e.tags.length) out.push(`tags: ${e.tags.join(', ')}`);
  if (e.date) out.push(`date: ${e.date}`);
  if (e.authority || e.programme)
    out.push(`sanction: ${[e.authority, e.programme].filter(Boolean).join(', ')}`);
  if (e.targets?.length) out.push(`targets: ${e.targets.join(', ')}`);
  if (e.description) out.push('', e.description);
  if (e.note) out.push('', `note: ${e.note}`);
  const section = (title: string, rows: string[][]) => {
    if (!rows.length) return;
    out.push('', `${title}:`, ...textTable(rows).map((l) => `  ${l}`));
  };
  section(
    'Attributes',
    Object.entries(e.attributes).map(([k, v]) => [k, value(v)]),
  );
  section(
    'Quantities',
    Object.entries(e.quantities).map(([k, q]) => [
      k,
      formatQuantity(q) + evidence({ ...q, estimate: false }),
    ]),
  );
  if (e.flow)
    section(
      'Flow',
      Object.entries(e.flow).map(([k, q]) => [k, formatQuantity(q!)]),
    );
  section(
    'Relations out',
    card.outgoing.map((r) => [r.type, `→ ${r.otherName} (${r.other})${evidence(r.relation)}`]),
  );
  section(
    'Relations in',
    card.incoming.map((r) => [r.type, `← ${r.otherName} (${r.other})${evidence(r.relation)}`]),
  );
  if (card.needs.length) {
    out.push('', 'Needs:');
    for (const d of card.needs) {
      const dep = d.dependency;
      out.push(
        `  ${dep.input} (${dep.id}): criticality ${formatQuantity(dep.criticality)}, buffer ${formatQuantity(dep.buffer)}${evidence(dep)}`,
      );
      if (!d.providers.length) out.push('    no provider valid at this date');
      for (const p of d.providers) {
        const pr = p.provider;
        out.push(
          `    from ${p.name} (${pr.provider}): share ${formatQuantity(pr.share)}, quality ${formatQuantity(pr.quality)}, cost ×${formatNumber(pr.cost.nominal)}, lead time ${formatQuantity(pr.leadTime)}${evidence(pr)}`,
        );
      }
    }
  }
  if (card.provides.length) {
    out.push('', 'Provides:');
    for (const d of card.provides) {
      const pr = d.providers.find((p) => p.provider.provider === e.id)!.provider;
      out.push(
        `  ${d.dependency.input} to ${d.nodeName} (${d.dependency.node}), ${d.dependency.id}: share ${formatQuantity(pr.share)}, one of ${d.providers.length} provider${d.providers.length === 1 ? '' : 's'}${evidence(pr)}`,
      );
    }
  }
  if (card.citations.length) {
    out.push('', 'Citations:');
    out.push(
      ...textTable(card.citations.map((c) => [cite(c.citation), c.on, c.citation.note ?? ''])).map(
        (l) => `  ${l}`,
      ),
    );
    const sources = new Map(
      card.citations.flatMap((c) => (c.source ? [[c.source.id, c.source] as const] : [])),
    );
    for (const s of sources.values()) {
      const by = Array.isArray(s.author) ? s.author.join(', ') : s.author;
      out.push(`  ${s.id}: ${[by, s.title, s.publisher, s.date].filter(Boolean).join(', ')}`);
    }
  }
  return out;
}

export const show: Command = {
  name: 'show',
  summary:
    'Show an entity card: attributes, quantities, relations both ways, dependencies both ways, citations',
  description:
    'The entity is found by id, name or alias, ignoring case and accents; a unique part of a name also works. When nothing matches, the closest names are suggested. A dependency or relation id shows that element instead.',
  args: [{ name: 'entity', description: 'id, name or alias of the entity' }, MODEL_ARG],
  options: { 'as-of': AS_OF_OPTION },
  examples: [
    'tyl show mzkt',
    'tyl show "Minsk Wheeled Tractor Plant" --json',
    'tyl show lukashenko --as-of 2020',
  ],
  run({ args, options, stdout, cwd }) {
    const asOf = asOfOption(options);
    const model = loadModelAt(args[1], cwd, asOf);
    const found = findEntity(model, args[0]);
    // Dependency and relation ids (as analyses print them) show their element instead.
    const dep = found.entity ? undefined : model.dependencies.find((d) => d.id === args[0]);
    const rel = found.entity || dep ? undefined : model.relations.find((r) => r.id === args[0]);
    if (dep || rel) {
      const name = (id: string) => model.entities.find((e) => e.id === id)?.name ?? id;
      if (options.json)
        printJson(stdout, { ...(asOf ? { asOf } : {}), ...(dep ? { dependency: dep } : { relation: rel }) });
      else if (dep) {
        println(
          stdout,
          `${name(dep.node)} (${dep.node}) needs ${dep.input}: dependency ${dep.id}${evidence(dep)}`,
        );
        println(
          stdout,
          `criticality ${formatQuantity(dep.criticality)}, buffer ${formatQuantity(dep.buffer)}`,
        );
        for (const p of dep.providers)
          println(
            stdout,
            `  from ${name(p.provider)} (${p.provider}): share ${formatQuantity(p.share)}, quality ${formatQuantity(p.quality)}, cost ×${formatNumber(p.cost.nominal)}, lead time ${formatQuantity(p.leadTime)}${evidence(p)}`,
          );
        if (dep.note) println(stdout, `note: ${dep.note}`);
      } else if (rel) {
        println(
          stdout,
          `${name(rel.from)} (${rel.from}) ${rel.type} ${name(rel.to)} (${rel.to}): relation ${rel.id}${evidence(rel)}`,
        );
        for (const [k, v] of Object.entries(rel.attributes)) println(stdout, `  ${k}: ${value(v)}`);
        if (rel.note) println(stdout, `note: ${rel.note}`);
      }
      return 0;
    }
    if (!found.entity) {
      const s = found.suggestions;
      throw new UserError(
        `tyl show: no entity "${args[0]}"${asOf ? ` valid on ${asOf}` : ''}${s.length ? ` (did you mean ${s.map((x) => `"${x}"`).join(', ')}?)` : ''}; see 'tyl query --text ${JSON.stringify(args[0])}'`,
      );
    }
    const card = entityCard(model, found.entity.id);
    if (options.json) printJson(stdout, { ...(asOf ? { asOf } : {}), matchedBy: found.matchedBy, ...card });
    else for (const line of formatCard(card)) println(stdout, line);
    return 0;
  },
};

// Shared text formatting of structural results (cut sets, exposure): explaining paths with names,
// and the citations of the dependencies and providers along them.
import type { Citation, Model } from '../../model/types.js';
import type { PathStep } from '../../engine/structure/explain-path.js';

const cite = (c: Citation) => `${c.source} §${c.section} ¶${c.paragraph}${c.to ? `–${c.to}` : ''}`;

/** Lookups from a model for printing: names by id, citations of a path. */
export function structureFormatter(model: Model) {
  const names = new Map(model.entities.map((e) => [e.id, e.name]));
  const deps = new Map(model.dependencies.map((d) => [d.id, d]));
  const name = (id: string) => names.get(id) ?? id;
  return {
    name,
    /** `Iskander —chassis→ MZKT —engines→ YaMZ`, or without the first node: `—chassis→ MZKT —engines→ YaMZ`. */
    path(steps: readonly PathStep[], withStart = true): string {
      if (!steps.length) return '';
      const links = steps.map((s) => `—${s.dependency}→ ${name(s.provider)}`);
      return (withStart ? [name(steps[0].node), ...links] : links).join(' ');
    },
    /** Citations of every dependency and provider along the paths, deduplicated, in path order. */
    citations(paths: readonly (readonly PathStep[])[]): string[] {
      const out = new Set<string>();
      let estimates = 0;
      for (const steps of paths)
        for (const s of steps) {
          const d = deps.get(s.dependency);
          if (!d) continue;
          const p = d.providers.find((x) => x.provider === s.provider);
          const cs = [...d.cite, ...(p?.cite ?? [])];
          if (!cs.length && (d.estimate || p?.estimate)) estimates++;
          for (const c of cs) out.add(cite(c));
        }
      const list = [...out];
      if (estimates) list.push(`${estimates} uncited estimate${estimates === 1 ? '' : 's'}`);
      return list;
    },
  };
}

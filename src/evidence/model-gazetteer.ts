// The gazetteer of a model: every entity's name and aliases.
import type { Model } from '../model/types.js';
import { buildGazetteer, type Gazetteer } from './gazetteer.js';

/** Builds the mention gazetteer from a model's entities (name first, then aliases). */
export function modelGazetteer(model: Pick<Model, 'entities'> | undefined): Gazetteer {
  return buildGazetteer((model?.entities ?? []).map((e) => ({ id: e.id, names: [e.name, ...e.aliases] })));
}

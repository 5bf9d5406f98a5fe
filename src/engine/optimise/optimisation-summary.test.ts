import { describe, expect, it } from 'vitest';
import { optimisationSummary } from './optimisation-summary.js';
import { MULTI_TIER, modelOf } from './examples.fixture.js';

describe('optimisationSummary', () => {
  it('summarises REI and TTS with findings computed from the results (hand-derived: see rei/tts tests)', async () => {
    const s = await optimisationSummary(modelOf(MULTI_TIER), { top: 2 });
    expect(s.totalExposure).toBeCloseTo(38, 6);
    expect(s.rei.map((e) => e.node)).toEqual(['plant-a', 'mill']);
    expect(s.flagged).toBe(3);
    expect(s.shortfalls[0]).toMatchObject({ node: 'plant-a' });
    expect(s.shortfalls[0].shortfall).toBeCloseTo(20, 6);
    expect(s.onShare).toBeNull();
    expect(s.findings[0]).toMatch(
      /losing "Chassis plant A" for 40 days costs the capabilities 20 weighted units of demand/,
    );
    expect(s.findings[1]).toMatch(
      /^3 of 4 nodes cannot be survived until they recover; the largest gap is "Chassis plant A"/,
    );
  });

  it('reports the exposure share of the focus country', async () => {
    const m = modelOf(MULTI_TIER.replace('name: Steel mill', 'name: Steel mill, country: BY'));
    const s = await optimisationSummary(m, { on: 'BY' });
    // mill 10 of 38.
    expect(s.onShare).toBeCloseTo(10 / 38, 9);
    expect(s.assessed).toBe(1);
    expect(s.findings[1]).toMatch(/^BY nodes carry 26% of the total risk exposure/);
  });
});

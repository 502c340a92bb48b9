import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NOMINAL_CAMPAIGN_MEAN,
  budgetScale,
  planCampaign,
  planFlood,
} from '../../bench/corpus/campaign-plan.js';
import { Prng } from '../../bench/corpus/prng.js';

test('at the nominal mean budgets are not scaled, and the scale is clamped', () => {
  assert.ok(Math.abs(budgetScale(NOMINAL_CAMPAIGN_MEAN) - 1) < 1e-9);
  assert.equal(budgetScale(1e9), 50);
  assert.equal(budgetScale(0), 0.05);
});

test('probes stay below maxretry, bursts reach it, slow attackers are spaced out', () => {
  const prng = new Prng(4);
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const plan = planCampaign(prng, '192.0.2.1', 0.01);
    seen.add(plan.attackerClass);
    if (plan.attackerClass === 'probe') assert.ok(plan.budget >= 1 && plan.budget <= 4);
    if (plan.attackerClass === 'burst' || plan.attackerClass === 'heavy') assert.ok(plan.budget >= 5);
    if (plan.attackerClass === 'slow') assert.ok(plan.gap[0] >= 200 && plan.budget >= 5);
  }
  assert.deepEqual([...seen].sort(), ['burst', 'heavy', 'probe', 'slow']);
});

test('flood campaigns fail one to three times', () => {
  const prng = new Prng(4);
  for (let i = 0; i < 1000; i++) {
    const { budget } = planFlood(prng, '192.0.2.1');
    assert.ok(budget >= 1 && budget <= 3);
  }
});

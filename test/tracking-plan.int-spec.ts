import { dataSourceOptions } from '@sigap/persistence';
import { DataSource } from 'typeorm';
import { TRACK_SQL, TRACK_WINDOW_MINUTES } from '../apps/api/src/tracking/tracking.service';
import { useTestEnv } from './support/stack';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/**
 * The family's tracking lookup answers every family of every claim: it must reach each table it reads through an
 * index, or its cost grows with the number of claims (claim_bank_account and claim_payment had no index on
 * claim_number until migration ClaimChildIndexes). With sequential scans made as expensive as the planner allows,
 * a table without a usable index still shows up as a Seq Scan.
 */
describe('family tracking lookup plan', () => {
  let ds: DataSource;
  beforeAll(async () => {
    useTestEnv('track-plan');
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1)).initialize();
  });
  afterAll(() => ds?.destroy());

  it('reads every table through an index', async () => {
    const scans = await ds.transaction(async (m) => {
      await m.query(`SET LOCAL enable_seqscan = off`);
      const [row] = await m.query(`EXPLAIN (FORMAT JSON) ${TRACK_SQL}`, [
        ['SGP-2026-000001', 'SGP-2026-000002'],
        TRACK_WINDOW_MINUTES,
      ]);
      const found: string[] = [];
      const walk = (n: PlanNode) => {
        if (n['Relation Name']) found.push(`${n['Node Type']} on ${n['Relation Name']}`);
        n.Plans?.forEach(walk);
      };
      walk((row['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
      return found;
    });
    // every table of the lookup is there, none of them read whole
    for (const table of [
      'claim',
      'track_attempt',
      'claim_event',
      'claim_document',
      'claim_document_upload',
      'claim_payment',
    ]) {
      expect(scans.some((s) => s.endsWith(` on ${table}`))).toBe(true);
    }
    expect(scans.filter((s) => s.startsWith('Seq Scan'))).toEqual([]);
    // the account shown is the one designated last (its event), not the one registered last
    expect(scans.some((s) => s.endsWith(' on claim_bank_account'))).toBe(false);
  });
});

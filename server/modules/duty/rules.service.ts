/** A workstation's roster rule: its shifts, staffed weekdays, holidays and the pool of members. */
import { DEFAULT_SHIFTS, type RosterRule, type RosterRuleInput, type ShiftDef } from '../../../common/duty/schemas.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { canManageWorkstation } from './duty.policy.ts';
import { type Db, type PersonRow, getPeopleByIds, getPoolPeople, getRule, getWorkstationRow } from './duty.repo.ts';
import { type Availability, parseJson } from './duty.shared.ts';

export function presentPerson(p: PersonRow) {
  return {
    id: p.id,
    name: p.name,
    mobile: p.mobile_mask,
    villageName: p.village_name,
    availability: p.availability ? parseJson<Availability | null>(p.availability, null) : null,
    active: p.member_status === 'active' && p.disabled === 0,
  };
}

/** The workstation in the caller's town, or 404; with whether they may manage it. */
export async function workstationFor(ctx: Ctx, db: Db, id: string) {
  const ws = await getWorkstationRow(db, ctx.actor.townId, id);
  if (!ws) throw notFound();
  return { ws, manage: await canManageWorkstation(db, ctx.actor, ws) };
}

/** The rule as stored, or the default (not yet saved, version 0). */
export async function loadRule(db: Db, townId: string, workstationId: string) {
  const row = await getRule(db, townId, workstationId);
  return {
    row,
    shifts: row ? parseJson<ShiftDef[]>(row.shifts, DEFAULT_SHIFTS) : DEFAULT_SHIFTS,
    weekdays: row ? parseJson<number[]>(row.weekdays, [1, 2, 3, 4, 5]) : [1, 2, 3, 4, 5],
    skipHolidays: row ? row.skip_holidays === 1 : true,
  };
}

export async function getRosterRule(ctx: Ctx, workstationId: string): Promise<RosterRule> {
  const { ws, manage } = await workstationFor(ctx, ctx.db, workstationId);
  const rule = await loadRule(ctx.db, ctx.actor.townId, ws.id);
  const pool = rule.row ? await getPoolPeople(ctx.db, ctx.actor.townId, rule.row.id) : [];
  return {
    id: rule.row?.id ?? null,
    workstationId: ws.id,
    workstationName: ws.name,
    shifts: rule.shifts,
    weekdays: rule.weekdays,
    skipHolidays: rule.skipHolidays,
    pool: pool.map(presentPerson),
    version: rule.row?.version ?? 0,
    can: { manage },
  };
}

export async function putRosterRule(ctx: Ctx, workstationId: string, input: RosterRuleInput): Promise<RosterRule> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { ws, manage } = await workstationFor(ctx, trx, workstationId);
    if (!manage) throw forbidden();
    const poolIds = [...new Set(input.poolPersonIds)];
    const people = await getPeopleByIds(trx, townId, poolIds);
    const ok = new Set(people.filter((p) => p.member_status === 'active' && p.disabled === 0).map((p) => p.id));
    const bad = input.poolPersonIds.map((id, i) => ({ id, i })).filter((x) => !ok.has(x.id));
    if (bad.length)
      throw new AppError(ErrorCode.VALIDATION, {
        fields: bad.slice(0, 10).map((b) => ({ path: `poolPersonIds.${b.i}`, key: 'validation.poolMember' })),
      });
    const existing = await getRule(trx, townId, ws.id);
    const now = nowIso();
    const values = {
      shifts: JSON.stringify(input.shifts),
      weekdays: JSON.stringify([...new Set(input.weekdays)].sort()),
      skip_holidays: input.skipHolidays ? 1 : 0,
      updated_at: now,
    };
    let ruleId: string;
    if (existing) {
      if (input.version !== undefined && input.version !== existing.version) throw staleVersion();
      const r = await trx
        .updateTable('roster_rules')
        .set({ ...values, version: existing.version + 1 })
        .where('town_id', '=', townId)
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
      ruleId = existing.id;
      await trx.deleteFrom('roster_pool').where('town_id', '=', townId).where('rule_id', '=', ruleId).execute();
    } else {
      ruleId = newId();
      await trx
        .insertInto('roster_rules')
        .values({ town_id: townId, id: ruleId, workstation_id: ws.id, version: 1, created_at: now, ...values })
        .execute();
    }
    if (poolIds.length)
      await trx
        .insertInto('roster_pool')
        .values(poolIds.map((personId) => ({ town_id: townId, rule_id: ruleId, person_id: personId })))
        .execute();
    await writeAudit(
      trx,
      auditEvent(ctx, 'roster_rule.update', ruleId, {
        workstationId: ws.id,
        shifts: input.shifts.map((s) => `${s.key} ${s.start}-${s.end}×${s.size}`),
        weekdays: input.weekdays,
        skipHolidays: input.skipHolidays,
        pool: poolIds.length,
      }),
    );
  });
  return getRosterRule(ctx, workstationId);
}

/** The activity report: JSON for the printable page, and the same as a Word document. */
import fs from 'node:fs';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ActivityReport } from '../../../common/activities/schemas.ts';
import { shanghaiTime } from '../../platform/excel.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { loadActivity, photosOf } from './activities.repo.ts';
import { getDetail } from './activities.service.ts';

export async function buildReport(ctx: Ctx, id: string): Promise<ActivityReport> {
  const d = await getDetail(ctx, id);
  return {
    townName: ctx.actor.townName,
    activity: {
      id: d.id,
      kind: d.kind,
      title: d.title,
      state: d.state,
      startAt: d.startAt,
      endAt: d.endAt,
      workstationName: d.workstationName,
      villageName: d.villageName,
      address: d.address,
      teams: d.teams,
      description: d.description,
      summary: d.summary,
      reach: d.reach,
    },
    figures: {
      personTimes: d.personTimes,
      served: d.personTimes - (d.reach ?? 0),
      reach: d.reach ?? 0,
      deeds: d.deeds,
      signedUp: d.counts.signedUp + d.counts.attended + d.counts.noShow,
      attended: d.counts.attended,
      noShow: d.counts.noShow,
      hours: d.counts.hours,
      requests: d.requests.length,
    },
    stalls: d.stalls.map((s) => ({
      kindName: s.kindName,
      label: s.label,
      teamName: s.teamName,
      attended: s.attended,
      served: s.served,
      deeds: s.deeds,
      notes: s.notes,
    })),
    photos: d.photos,
    requests: d.requests.map((r) => ({ code: r.code, categoryName: r.categoryName, status: r.status })),
    generatedAt: nowIso(),
  };
}

const KIND_ZH: Record<string, string> = {
  service_day: '便民示范日',
  campaign: '宣传活动',
  training: '培训',
  visit_drive: '走访',
  other: '其他',
};
const KIND_EN: Record<string, string> = {
  service_day: 'Service day',
  campaign: 'Campaign',
  training: 'Training',
  visit_drive: 'Visit drive',
  other: 'Other',
};

const FONT = 'SimSun';
const run = (text: string, opts: { bold?: boolean; size?: number } = {}) =>
  new TextRun({
    text,
    font: { eastAsia: FONT, ascii: FONT, hAnsi: FONT },
    bold: opts.bold ?? false,
    size: opts.size ?? 24,
  });
const para = (text: string, opts: { bold?: boolean } = {}) =>
  new Paragraph({ spacing: { after: 120 }, children: [run(text, opts)] });
const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [run(text, { bold: true, size: 28 })],
  });
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [run(text, { bold, size: 21 })] })] });

/** The report as a .docx: title, basic facts, figures, a table of stalls and results, summary, requests, photos. */
export async function buildReportDocx(ctx: Ctx, id: string): Promise<{ buffer: Buffer; fileName: string }> {
  const r = await buildReport(ctx, id);
  const row = await loadActivity(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  const en = ctx.lang === 'en';
  const a = r.activity;
  const title = en ? `${a.title} — activity report` : `${a.title}活动报告`;
  const place = [a.villageName, a.workstationName, a.address].filter(Boolean).join(' · ') || '—';
  const when = `${shanghaiTime(a.startAt) ?? ''} – ${(shanghaiTime(a.endAt) ?? '').slice(11)}`;
  const f = r.figures;
  const L = en
    ? {
        basics: 'Basics',
        kind: 'Kind',
        time: 'Time',
        place: 'Place',
        teams: 'Organised by',
        figures: 'Results',
        stalls: 'Stalls and results',
        head: ['Stall', 'Team', 'Volunteers', 'People served', 'Deeds', 'Notes'],
        summary: 'Summary',
        requests: 'Problems passed on as requests',
        photos: 'Photos',
        none: 'None',
        line: `People served ${f.personTimes} (stalls ${f.served}, reach ${f.reach}); deeds ${f.deeds}; volunteers signed up ${f.signedUp}, attended ${f.attended}, absent ${f.noShow}; volunteer hours ${f.hours}; requests raised ${f.requests}.`,
      }
    : {
        basics: '一、基本情况',
        kind: '活动类型',
        time: '活动时间',
        place: '活动地点',
        teams: '组织服务队',
        figures: '二、活动成效',
        stalls: '三、摊位服务情况',
        head: ['摊位', '服务队', '到场队员', '服务人次', '办成实事', '备注'],
        summary: '四、活动小结',
        requests: '五、现场收集的诉求',
        photos: '六、活动照片',
        none: '无',
        line: `共服务群众 ${f.personTimes} 人次（摊位服务 ${f.served} 人次，宣传覆盖 ${f.reach} 人次），办成实事 ${f.deeds} 件；报名队员 ${f.signedUp} 人，到场 ${f.attended} 人，缺席 ${f.noShow} 人，志愿服务 ${f.hours} 小时；现场收集诉求 ${f.requests} 件。`,
      };
  const kinds = en ? KIND_EN : KIND_ZH;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(title, { bold: true, size: 36 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(r.townName, { size: 24 })],
    }),
    heading(L.basics),
    para(`${L.kind}：${kinds[a.kind] ?? a.kind}`),
    para(`${L.time}：${when}`),
    para(`${L.place}：${place}`),
    para(`${L.teams}：${a.teams.map((t) => t.name).join('、') || '—'}`),
    ...(a.description ? [para(a.description)] : []),
    heading(L.figures),
    para(L.line),
    heading(L.stalls),
  ];
  if (r.stalls.length) {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: L.head.map((h) => cell(h, true)) }),
          ...r.stalls.map(
            (s) =>
              new TableRow({
                children: [
                  cell(s.label ?? s.kindName),
                  cell(s.teamName ?? '—'),
                  cell(String(s.attended)),
                  cell(s.served === null ? '—' : String(s.served)),
                  cell(s.deeds === null ? '—' : String(s.deeds)),
                  cell(s.notes ?? ''),
                ],
              }),
          ),
          new TableRow({
            children: [
              cell(en ? 'Total' : '合计', true),
              cell(''),
              cell(String(r.stalls.reduce((n, s) => n + s.attended, 0)), true),
              cell(String(f.served), true),
              cell(String(f.deeds), true),
              cell(''),
            ],
          }),
        ],
      }),
    );
  } else children.push(para(L.none));
  children.push(heading(L.summary), para(a.summary ?? L.none));
  children.push(heading(L.requests));
  if (r.requests.length) for (const q of r.requests) children.push(para(`${q.code}  ${q.categoryName}`));
  else children.push(para(L.none));
  const photos = await photosOf(ctx.db, ctx.actor.townId, id);
  if (photos.length) {
    children.push(heading(L.photos));
    for (const p of photos.slice(0, 12)) {
      const file = path.join(ctx.config.dataDir, p.path);
      if (!fs.existsSync(file)) continue;
      const width = 480;
      const height = Math.round((p.height / Math.max(1, p.width)) * width);
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: 'jpg', data: fs.readFileSync(file), transformation: { width, height } })],
        }),
      );
    }
  }
  const doc = new Document({
    creator: 'Lianxin 连心',
    title,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [{ children }],
  });
  const buffer = await Packer.toBuffer(doc);
  return { buffer, fileName: title };
}

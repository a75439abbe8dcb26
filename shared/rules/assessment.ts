import { addDays, addMonths, format, parseISO } from 'date-fns';
import type { AbilityLevel } from '../schemas/members';

/**
 * Elder capability assessment to GB/T 42195-2022《老年人能力评估规范》.
 *
 * The data below is the standard's own: its four first-level indicators (表1 老年人能力评估指标:
 * 自理能力 8 items, 基础运动能力 4, 精神状态 9, 感知觉与社会参与 5 — 26 second-level indicators), each
 * item with the answers and scores of 附录B 老年人能力评估表 (B.1 自理能力评估表, B.2 基础运动能力评估
 * 表, B.3 精神状态评估表, B.4 感知觉与社会参与评估表). The part totals are 32 + 15 + 28 + 15 = 90.
 * The level cut-offs are 表2 老年人能力等级划分 (能力完好 90; 能力轻度受损/轻度失能 66–89; 能力中度受损/
 * 中度失能 46–65; 能力重度受损/重度失能 30–45; 能力完全丧失/完全失能 0–29), and the changes to the
 * level those of the standard's 能力等级变更依据 (附录C, C.3): coma is 完全失能 at once; a diagnosed
 * dementia (F00–F03) or other mental and behavioural disorder (F04–F99), or two or more care-risk
 * events (fall, choking, suicide, self-harm, wandering…) in the last 30 days, raise the level by one.
 *
 * The answer texts are the standard's, shortened where long; `en` is a working translation.
 */

export const ASSESSMENT_PARTS = ['selfCare', 'mobility', 'mental', 'perception'] as const;
export type AssessmentPart = (typeof ASSESSMENT_PARTS)[number];

export interface AssessmentOption {
  score: number;
  zh: string;
  en: string;
}

export interface AssessmentItem {
  /** The item's number in 附录B: 'B.1.1' … 'B.4.5'; also the key of its answer. */
  id: string;
  part: AssessmentPart;
  zh: string;
  en: string;
  /** Best first, as the standard lists them. */
  options: readonly AssessmentOption[];
}

/** The five-step help scale of most self-care and mobility items (B.1.2–B.1.5, B.1.8, B.2.1, B.2.2). */
const HELP: readonly AssessmentOption[] = [
  { score: 4, zh: '独立完成，不需要协助', en: 'Does it alone, no help' },
  { score: 3, zh: '在他人指导或提示下完成', en: 'Does it with guidance or prompting' },
  { score: 2, zh: '需要他人协助，但以自身完成为主', en: 'Needs help, but does most of it' },
  { score: 1, zh: '主要依靠他人协助，自身能给予配合', en: 'Mostly helped, can cooperate' },
  { score: 0, zh: '完全依赖他人协助，且不能给予配合', en: 'Fully dependent, cannot cooperate' },
];

const NOT_SEEN: readonly AssessmentOption[] = [
  { score: 1, zh: '未出现', en: 'Not seen' },
  { score: 0, zh: '近一个月内出现过', en: 'Seen in the last month' },
];

const scale = (...rows: [zh: string, en: string][]): AssessmentOption[] =>
  rows.map(([zh, en], i) => ({ score: rows.length - 1 - i, zh, en }));

export const ASSESSMENT_ITEMS: readonly AssessmentItem[] = [
  // B.1 自理能力评估表
  {
    id: 'B.1.1',
    part: 'selfCare',
    zh: '进食',
    en: 'Eating',
    options: scale(
      ['独立使用器具将食物送进口中并咽下，没有呛咳', 'Eats alone with utensils, no choking'],
      [
        '在他人指导或提示下完成，或独立使用辅具，没有呛咳',
        'With prompting or own aids, no choking',
      ],
      [
        '进食中需要少量接触式协助，偶尔（每月一次及以上）呛咳',
        'Some hands-on help; chokes monthly',
      ],
      [
        '在进食中需要大量接触式协助，经常（每周一次及以上）呛咳',
        'Much hands-on help; chokes weekly',
      ],
      ['完全依赖他人协助进食，或吞咽困难，或留置营养管', 'Fully fed, cannot swallow, or tube-fed'],
    ),
  },
  { id: 'B.1.2', part: 'selfCare', zh: '修饰', en: 'Grooming', options: HELP },
  { id: 'B.1.3', part: 'selfCare', zh: '洗澡', en: 'Bathing', options: HELP },
  { id: 'B.1.4', part: 'selfCare', zh: '穿/脱上衣', en: 'Upper-body dressing', options: HELP },
  {
    id: 'B.1.5',
    part: 'selfCare',
    zh: '穿/脱裤子和鞋袜',
    en: 'Trousers, shoes and socks',
    options: HELP,
  },
  {
    id: 'B.1.6',
    part: 'selfCare',
    zh: '小便控制',
    en: 'Bladder control',
    options: scale(
      ['可自行控制排尿，排尿次数、排尿控制均正常', 'Normal control'],
      [
        '白天可自行控制，夜间次数增多、控制较差，或自行使用尿布、尿垫',
        'Worse at night, or own pads',
      ],
      [
        '白天大部分时间可控制，偶有尿失禁，或他人少量协助使用尿布、尿垫',
        'Occasional leaks, some help',
      ],
      [
        '白天大部分时间不能控制，夜间尿失禁，或他人大量协助使用尿布、尿垫',
        'Mostly no control, much help',
      ],
      ['小便失禁，完全不能控制排尿，或留置导尿管', 'Incontinent or catheter'],
    ),
  },
  {
    id: 'B.1.7',
    part: 'selfCare',
    zh: '大便控制',
    en: 'Bowel control',
    options: scale(
      ['可正常自行控制大便排出', 'Normal control'],
      ['有时便秘或大便失禁，或自行使用开塞露、尿垫等', 'Sometimes, or own aids'],
      ['经常便秘或大便失禁，或他人少量协助使用开塞露、尿垫等', 'Often, some help'],
      ['大部分时间便秘或大便失禁，或他人大量协助使用开塞露、尿垫等', 'Most of the time, much help'],
      ['严重便秘或完全大便失禁，需依赖他人协助排便或清洁皮肤', 'Fully dependent'],
    ),
  },
  { id: 'B.1.8', part: 'selfCare', zh: '如厕', en: 'Toileting', options: HELP },
  // B.2 基础运动能力评估表
  {
    id: 'B.2.1',
    part: 'mobility',
    zh: '床上体位转移',
    en: 'Turning and sitting up in bed',
    options: HELP,
  },
  { id: 'B.2.2', part: 'mobility', zh: '床椅转移', en: 'Bed–chair transfer', options: HELP },
  {
    id: 'B.2.3',
    part: 'mobility',
    zh: '平地行走',
    en: 'Walking on the level',
    options: scale(
      ['独立平地行走50 m左右，不需要协助，无摔倒风险', 'Walks ~50 m alone, no fall risk'],
      [
        '能行走50 m左右，存在跌倒风险，需监护指导或使用拐杖、助行器',
        'Walks ~50 m, supervised or with aid',
      ],
      ['在步行时需要他人少量扶持协助', 'Needs a little support'],
      ['在步行时需要他人大量扶持协助', 'Needs much support'],
      ['完全不能步行', 'Cannot walk'],
    ),
  },
  {
    id: 'B.2.4',
    part: 'mobility',
    zh: '上下楼梯',
    en: 'Stairs',
    options: scale(
      ['可独立上下楼梯（连续上下10～15个台阶），不需要协助', 'Climbs 10–15 steps alone'],
      ['在他人指导或提示下完成', 'With guidance or prompting'],
      ['需要他人协助，但以自身完成为主', 'Needs help, does most of it'],
      ['主要依靠他人协助，或完全依赖他人协助', 'Mostly or fully helped'],
    ),
  },
  // B.3 精神状态评估表
  {
    id: 'B.3.1',
    part: 'mental',
    zh: '时间定向',
    en: 'Orientation in time',
    options: scale(
      ['时间观念（年、月）清楚，日期（或星期几）可相差一天', 'Clear; day may be off by one'],
      ['时间观念有些下降，年、月、日（或星期几）不能全部分清', 'Somewhat reduced'],
      [
        '时间观念较差，年、月、日不清楚，可知上半年或下半年或季节',
        'Knows only half-year or season',
      ],
      [
        '时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间',
        'Knows only morning/afternoon, day/night',
      ],
      ['无时间观念', 'None'],
    ),
  },
  {
    id: 'B.3.2',
    part: 'mental',
    zh: '空间定向',
    en: 'Orientation in space',
    options: scale(
      ['能在日常生活范围内单独外出', 'Goes out alone nearby'],
      ['不能单独外出，但能准确知道自己日常生活所在地的地址信息', 'Not alone; knows the address'],
      ['不能单独外出，但知道较多有关自己日常生活的地址信息', 'Not alone; knows much about where'],
      ['不能单独外出，但知道较少自己居住或生活所在地的地址信息', 'Not alone; knows little'],
      ['不能单独外出，无空间观念', 'Not alone; no sense of place'],
    ),
  },
  {
    id: 'B.3.3',
    part: 'mental',
    zh: '人物定向',
    en: 'Recognising people',
    options: scale(
      ['认识长期共同一起生活的人，能称呼并知道关系', 'Knows household, names and relations'],
      ['能认识大部分共同生活居住的人，能称呼或知道关系', 'Knows most of them'],
      ['能认识部分日常同住的亲人或照护者等', 'Knows some relatives or carers'],
      ['只认识自己或极少数日常同住的亲人或照护者等', 'Knows self or very few'],
      ['不认识任何人（包括自己）', 'Knows no one, not even self'],
    ),
  },
  {
    id: 'B.3.4',
    part: 'mental',
    zh: '记忆',
    en: 'Memory',
    options: scale(
      ['总能保持与社会、年龄所适应的记忆能力，能完整的回忆', 'Normal for age'],
      ['出现轻度的记忆紊乱或回忆不能', 'Mild disorder'],
      ['出现中度的记忆紊乱或回忆不能', 'Moderate disorder'],
      ['出现重度的记忆紊乱或回忆不能', 'Severe disorder'],
      ['记忆完全紊乱或者完全不能对既往事物进行正确的回忆', 'Complete disorder'],
    ),
  },
  {
    id: 'B.3.5',
    part: 'mental',
    zh: '理解能力',
    en: 'Understanding',
    options: scale(
      ['能正常理解他人的话', 'Understands normally'],
      ['能理解他人的话，但需要增加时间', 'Needs more time'],
      ['理解有困难，需要频繁重复或简化口头表达', 'Needs repeating or simpler words'],
      ['理解有严重困难，需要大量他人帮助', 'Severe difficulty'],
      ['完全不能理解他人的话', 'Cannot understand'],
    ),
  },
  {
    id: 'B.3.6',
    part: 'mental',
    zh: '表达能力',
    en: 'Expression',
    options: scale(
      ['能正常表达自己的想法', 'Expresses normally'],
      ['能表达自己的需要，但需要增加时间', 'Needs more time'],
      ['表达需要有困难，需频繁重复或简化口头表达', 'Difficulty'],
      ['表达有严重困难，需要大量他人帮助', 'Severe difficulty'],
      ['完全不能表达需要', 'Cannot express needs'],
    ),
  },
  { id: 'B.3.7', part: 'mental', zh: '攻击行为', en: 'Aggressive behaviour', options: NOT_SEEN },
  { id: 'B.3.8', part: 'mental', zh: '抑郁症状', en: 'Depressive symptoms', options: NOT_SEEN },
  {
    id: 'B.3.9',
    part: 'mental',
    zh: '意识水平',
    en: 'Consciousness',
    options: scale(
      ['神志清醒，对周围环境能做出正确反应', 'Alert, responds correctly'],
      ['嗜睡，或意识模糊', 'Drowsy or confused'],
      ['昏睡或昏迷', 'Stupor or coma'],
    ),
  },
  // B.4 感知觉与社会参与评估表
  {
    id: 'B.4.1',
    part: 'perception',
    zh: '视力',
    en: 'Sight',
    options: scale(
      ['视力正常', 'Normal'],
      ['能看清楚大字体，但看不清书报上的标准字体；或能辨认物体', 'Large print only, or objects'],
      ['只能看到光、颜色和形状；完全失明', 'Light and shapes only; blind'],
    ),
  },
  {
    id: 'B.4.2',
    part: 'perception',
    zh: '听力',
    en: 'Hearing',
    options: scale(
      ['听力正常', 'Normal'],
      ['轻声说话或距离超过两米时听不清，需安静环境或大声说话', 'Needs quiet or a loud voice'],
      ['讲话者大声说话或说话很慢，才能部分听见；完全失聪', 'Partly hears loud slow speech; deaf'],
    ),
  },
  {
    id: 'B.4.3',
    part: 'perception',
    zh: '执行日常事务',
    en: 'Daily affairs',
    options: scale(
      ['能完全独立计划、安排和完成日常事务，无需协助', 'Fully independent'],
      ['需要他人监护或指导', 'Supervised or guided'],
      ['需要少量协助', 'A little help'],
      ['需要大量协助', 'Much help'],
      ['完全依赖他人进行日常事务', 'Fully dependent'],
    ),
  },
  {
    id: 'B.4.4',
    part: 'perception',
    zh: '使用交通工具外出',
    en: 'Going out by transport',
    options: scale(
      ['能自己骑车或搭乘公共交通工具外出', 'Cycles or takes public transport alone'],
      ['能自己搭乘出租车，但不会搭乘其他交通工具外出', 'Takes a taxi alone only'],
      ['当有人协助或陪伴，可搭乘公共交通工具外出', 'Public transport when accompanied'],
      [
        '只能在他人协助下搭乘出租车或私家车外出；或完全不能出门',
        'Only helped by car, or cannot go out',
      ],
    ),
  },
  {
    id: 'B.4.5',
    part: 'perception',
    zh: '社会交往能力',
    en: 'Social contact',
    options: scale(
      ['参与社会，在社会环境有一定的适应能力，待人接物恰当', 'Takes part, behaves fittingly'],
      ['能适应单纯环境，主动接触他人，不能理解隐喻语', 'Simple settings, seeks contact'],
      ['脱离社会，可被动接触，不会主动待他人', 'Withdrawn, passive contact'],
      ['勉强可与他人接触，谈吐内容不清楚，表情不恰当', 'Barely in contact'],
      ['不能与人交往', 'No contact'],
    ),
  },
];

/** Every item's answer: the score chosen, by item id ('B.1.1' → 4). */
export type AssessmentAnswers = Record<string, number>;

/** The standard's changes to the level (附录C, C.3 能力等级变更依据). */
export interface LevelChanges {
  /** 处于昏迷状态: 完全失能 at once. */
  coma?: boolean;
  /** 确诊为痴呆（F00～F03）或精神科专科医生诊断的其他精神和行为障碍（F04～F99）. */
  dementiaOrMental?: boolean;
  /** 近30天内发生过2次及以上照护风险事件（跌倒、噎食、自杀、自伤、走失等）. */
  riskEvents?: boolean;
}

/** Best first: ABILITY_LEVELS' order, so "one level up" is the next one. */
const LEVEL_ORDER: readonly AbilityLevel[] = ['intact', 'mild', 'moderate', 'severe', 'total'];

/** 表2 老年人能力等级划分: the lowest total of each level. */
export const LEVEL_FLOORS: Record<AbilityLevel, number> = {
  intact: 90,
  mild: 66,
  moderate: 46,
  severe: 30,
  total: 0,
};

export const MAX_TOTAL = 90;

export type AnswersProblem = { item: string; problem: 'missing' | 'notAnOption' };

/** The items an answer set leaves out, or answers with a score the item does not offer. */
export function checkAnswers(answers: AssessmentAnswers): AnswersProblem[] {
  const problems: AnswersProblem[] = [];
  for (const item of ASSESSMENT_ITEMS) {
    const a = answers[item.id];
    if (a === undefined) problems.push({ item: item.id, problem: 'missing' });
    else if (!item.options.some((o) => o.score === a))
      problems.push({ item: item.id, problem: 'notAnOption' });
  }
  for (const id of Object.keys(answers))
    if (!ASSESSMENT_ITEMS.some((i) => i.id === id))
      problems.push({ item: id, problem: 'notAnOption' });
  return problems;
}

/** Each part's score and the total (answers not given count 0). */
export function scoresOf(answers: AssessmentAnswers): Record<AssessmentPart, number> & {
  total: number;
} {
  const parts = { selfCare: 0, mobility: 0, mental: 0, perception: 0 };
  for (const item of ASSESSMENT_ITEMS) parts[item.part] += answers[item.id] ?? 0;
  return { ...parts, total: parts.selfCare + parts.mobility + parts.mental + parts.perception };
}

/** The preliminary level of a total (表2). */
export function levelOfTotal(total: number): AbilityLevel {
  if (!Number.isInteger(total) || total < 0 || total > MAX_TOTAL)
    throw new RangeError(`total ${total} is not 0–${MAX_TOTAL}`);
  return LEVEL_ORDER.find((l) => total >= LEVEL_FLOORS[l])!;
}

/** The final level: the total's level, then the standard's changes (C.3). */
export function finalLevel(total: number, changes: LevelChanges = {}): AbilityLevel {
  if (changes.coma) return 'total';
  const first = levelOfTotal(total);
  const up = changes.dementiaOrMental || changes.riskEvents ? 1 : 0;
  return LEVEL_ORDER[Math.min(LEVEL_ORDER.indexOf(first) + up, LEVEL_ORDER.length - 1)]!;
}

/** Why an assessment was made: 首次评估, 常规（定期）评估, 即时评估 after a change in condition. */
export const ASSESSMENT_REASONS = ['first', 'periodic', 'afterChange', 'correction'] as const;
export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];

/** When the next assessment is due (district rules: `assessment` in shared/rules/settings.ts). */
export interface AssessmentIntervals {
  /** Months between periodic assessments (the standard: at least every 12 months). */
  everyMonths: number;
  /** Months until the reassessment after a change in condition (sooner). */
  afterChangeMonths: number;
}

export function reassessmentDue(
  day: string,
  reason: AssessmentReason,
  intervals: AssessmentIntervals,
): string {
  const months = reason === 'afterChange' ? intervals.afterChangeMonths : intervals.everyMonths;
  return format(addMonths(parseISO(day), months), 'yyyy-MM-dd');
}

/** 'overdue' past the due day, 'due' within `warnDays` of it, else 'current'. */
export function reassessmentState(
  dueOn: string,
  today: string,
  warnDays: number,
): 'overdue' | 'due' | 'current' {
  if (dueOn < today) return 'overdue';
  const warnUntil = format(addDays(parseISO(today), warnDays), 'yyyy-MM-dd');
  return dueOn <= warnUntil ? 'due' : 'current';
}

/** The newest of a member's assessments: by day, then by when it was written. */
export function latestAssessment<T extends { assessedOn: string; createdAt: string }>(
  list: readonly T[],
): T | undefined {
  let best: T | undefined;
  for (const a of list)
    if (
      !best ||
      a.assessedOn > best.assessedOn ||
      (a.assessedOn === best.assessedOn && a.createdAt > best.createdAt)
    )
      best = a;
  return best;
}

/**
 * Whether a staff member may assess on `day`: an assessor certificate (老年人能力评估师,
 * `abilityAssessor` on the staff record) that has not expired.
 */
export function holdsAssessorCertificate(
  staff: { active?: boolean; certificates?: readonly { kind: string; expiresOn: string }[] },
  day: string,
): boolean {
  return (
    staff.active !== false &&
    (staff.certificates ?? []).some((c) => c.kind === 'abilityAssessor' && c.expiresOn >= day)
  );
}

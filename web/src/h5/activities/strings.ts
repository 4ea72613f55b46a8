/** Strings of the activity pages on H5 (loaded with them, not with the resident home). */
const zh = {
  calendarTitle: '服务日历',
  calendarIntro: '服务队近期在各村开展的便民示范日和宣传活动，欢迎前来。',
  upcomingEmpty: '近期没有安排活动，请过几天再来看看。',
  loading: '正在加载…',
  error: '加载失败，请检查网络后重试',
  retry: '重新加载',
  today: '今天',
  tomorrow: '明天',
  weekday: '星期{{d}}',
  place: '地点',
  stalls: '服务项目',
  teams: '服务队',
  kind_service_day: '便民示范日',
  kind_campaign: '宣传活动',
  kind_training: '培训',
  kind_visit_drive: '走访',
  kind_other: '活动',
  myTitle: '我的活动',
  myLink: '我要报名参加活动',
  hello: '{{name}}，您好',
  signOut: '退出',
  myHours: '我的服务时长',
  approved: '已审核',
  pending: '待审核',
  hoursUnit: '小时',
  now: '正在进行',
  mine: '我的报名',
  mineEmpty: '还没有报名活动',
  open: '可以报名的活动',
  openEmpty: '近期没有可报名的活动',
  signUp: '报名',
  signUpStall: '报名这个摊位',
  joinWaitlist: '加入候补',
  signedUp: '已报名',
  waitlisted: '候补第 {{n}} 位',
  waitlistedShort: '候补中',
  attended: '已签到',
  noShow: '缺席',
  cancelled: '已取消',
  withdraw: '取消报名',
  withdrawConfirm: '确定取消报名吗？',
  withdrawn: '已取消报名',
  signedUpOk: '报名成功',
  waitlistedOk: '名额已满，已加入候补，第 {{n}} 位',
  checkIn: '签到',
  checkOut: '签退',
  checkedInAt: '已于 {{time}} 签到',
  checkedOutHours: '已签退，本次 {{n}} 小时，待队长审核',
  checkInHint: '活动开始后，到场点击签到；离开时点击签退。',
  notStarted: '活动开始后才能签到',
  places: '名额 {{taken}}/{{capacity}}',
  placesFree: '剩 {{n}} 个名额',
  placesFull: '已满',
  placesUnlimited: '不限名额',
  waiting: '候补 {{n}} 人',
  chooseStall: '选择摊位',
  details: '查看详情',
  back: '‹ 返回',
  notFound: '活动不存在或已取消',
  state_published: '报名中',
  state_under_way: '进行中',
  state_done: '已结束',
  state_reported: '已结束',
  state_planned: '筹备中',
  state_cancelled: '已取消',
  calendarLink: '查看服务日历',
  past: '以往参加',
};
export type ActKey = keyof typeof zh;
const en: Record<ActKey, string> = {
  calendarTitle: 'Service days',
  calendarIntro: 'Service days and campaigns the teams hold in the villages soon. Everyone is welcome.',
  upcomingEmpty: 'Nothing is planned yet. Please check again in a few days.',
  loading: 'Loading…',
  error: 'Could not load. Check your connection and try again.',
  retry: 'Try again',
  today: 'Today',
  tomorrow: 'Tomorrow',
  weekday: '{{d}}',
  place: 'Place',
  stalls: 'Services',
  teams: 'Teams',
  kind_service_day: 'Service day',
  kind_campaign: 'Campaign',
  kind_training: 'Training',
  kind_visit_drive: 'Visit drive',
  kind_other: 'Activity',
  myTitle: 'My activities',
  myLink: 'Sign up for activities',
  hello: 'Hello, {{name}}',
  signOut: 'Sign out',
  myHours: 'My service hours',
  approved: 'Approved',
  pending: 'Pending',
  hoursUnit: 'h',
  now: 'Happening now',
  mine: 'My sign-ups',
  mineEmpty: 'You have not signed up yet',
  open: 'Open for sign-up',
  openEmpty: 'Nothing open for sign-up soon',
  signUp: 'Sign up',
  signUpStall: 'Sign up for this stall',
  joinWaitlist: 'Join the waiting list',
  signedUp: 'Signed up',
  waitlisted: 'Waiting list no. {{n}}',
  waitlistedShort: 'Waiting list',
  attended: 'Checked in',
  noShow: 'No-show',
  cancelled: 'Cancelled',
  withdraw: 'Cancel sign-up',
  withdrawConfirm: 'Cancel your sign-up?',
  withdrawn: 'Sign-up cancelled',
  signedUpOk: 'You are signed up',
  waitlistedOk: 'Full: you are no. {{n}} on the waiting list',
  checkIn: 'Check in',
  checkOut: 'Check out',
  checkedInAt: 'Checked in at {{time}}',
  checkedOutHours: 'Checked out: {{n}} h, waiting for approval',
  checkInHint: 'Check in when you arrive after it starts; check out when you leave.',
  notStarted: 'Check-in opens when the activity starts',
  places: '{{taken}}/{{capacity}} places',
  placesFree: '{{n}} places left',
  placesFull: 'Full',
  placesUnlimited: 'No limit',
  waiting: '{{n}} waiting',
  chooseStall: 'Choose a stall',
  details: 'Details',
  back: '‹ Back',
  notFound: 'This activity does not exist or was cancelled',
  state_published: 'Open',
  state_under_way: 'Under way',
  state_done: 'Finished',
  state_reported: 'Finished',
  state_planned: 'Planned',
  state_cancelled: 'Cancelled',
  calendarLink: 'See the service days',
  past: 'Past',
};

export type ActTr = (key: ActKey, params?: Record<string, string | number>) => string;

export function actTr(lang: string): ActTr {
  const dict = lang === 'en' ? en : zh;
  return (key, params = {}) => dict[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Shanghai wall clock of an instant: date `YYYY-MM-DD`, `HH:mm`, weekday 0–6. */
export function shanghai(iso: string): { date: string; time: string; weekday: number } {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const s = d.toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16), weekday: d.getUTCDay() };
}

/** `12月22日 星期二` / `Dec 22 Tue`, or 今天/明天. */
export function dayLabel(tr: ActTr, lang: string, iso: string): string {
  const { date, weekday } = shanghai(iso);
  const today = shanghai(new Date().toISOString()).date;
  const tomorrow = shanghai(new Date(Date.now() + 86_400_000).toISOString()).date;
  const [, m = '', d = ''] = date.split('-');
  const wd = tr('weekday', { d: (lang === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH)[weekday] ?? '' });
  const rel = date === today ? tr('today') : date === tomorrow ? tr('tomorrow') : '';
  const base = lang === 'en' ? `${date.slice(5)} ${wd}` : `${Number(m)}月${Number(d)}日 ${wd}`;
  return rel ? `${rel} · ${base}` : base;
}

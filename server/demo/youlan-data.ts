/**
 * The Youlan demo town's fixed facts, from the article (teams, named villages, the 北黄 hamlet)
 * and plausible others. Every person in the demo is fictional: names are drawn from common
 * surnames and given names, never from the article.
 */

export const TOWN = {
  code: 'youlan',
  name: '幽兰镇',
  prefix: 'YL',
  province: '江西省',
  county: '南昌县',
};

/** Villages named in the article first, then plausible ones; [name, kind, hamlets]. */
export const VILLAGES: [string, 'village' | 'community', string[]][] = [
  ['幽兰社区', 'community', ['兰苑', '新街']],
  ['厚田村', 'village', ['上厚田', '下厚田', '田心']],
  ['青塘村', 'village', ['青塘', '塘背', '岭下']],
  ['涂村村', 'village', ['涂村', '港头']],
  ['少城村', 'village', ['北黄', '少城', '南岸']],
  ['湖陶村', 'village', ['湖陶', '陶家']],
  ['南坊村', 'village', ['南坊', '坊下']],
  ['东岗村', 'village', ['东岗', '岗背']],
  ['西塘村', 'village', ['西塘', '塘尾']],
  ['北山村', 'village', ['北山', '山前']],
  ['港口村', 'village', ['港口', '河西']],
  ['桥头村', 'village', ['桥头', '桥尾']],
  ['罗家村', 'village', ['罗家', '罗坊']],
  ['万家村', 'village', ['万家', '万坊']],
  ['熊坊村', 'village', ['熊坊', '坊前']],
  ['新桥村', 'village', ['新桥', '老桥']],
  ['龙潭村', 'village', ['龙潭', '潭下']],
  ['石岗村', 'village', ['石岗', '石门']],
  ['樟树村', 'village', ['樟树', '樟下']],
  ['梅林村', 'village', ['梅林', '梅岭']],
  ['荷塘村', 'village', ['荷塘', '荷花']],
  ['枫林村', 'village', ['枫林', '枫树']],
  ['竹园村', 'village', ['竹园', '竹山']],
  ['柏岭村', 'village', ['柏岭', '柏树']],
  ['杨柳村', 'village', ['杨柳', '柳塘']],
  ['高田村', 'village', ['高田', '田背']],
  ['下埠村', 'village', ['下埠', '埠头']],
  ['上湖村', 'village', ['上湖', '湖边']],
  ['黄泥村', 'village', ['黄泥', '泥塘']],
  ['庙前村', 'village', ['庙前', '庙后']],
  ['双港村', 'village', ['双港', '港背']],
];

export const TOWN_WORKSTATION = {
  name: '幽兰镇党群服务中心连心工作室',
  address: '幽兰镇政府大院东侧一楼',
  openingHours: '周一至周日 8:30–12:00，14:30–17:30（节假日轮流值班）',
  phone: '0791-85710000',
};

export const DEPARTMENTS: [string, string][] = [
  ['镇党政综合办公室', '综合协调、督办'],
  ['镇村镇建设办公室', '道路、桥梁、村庄规划与建设'],
  ['镇农业农村办公室', '农田水利、种植养殖、产业发展'],
  ['镇社会事务办公室', '民政、低保、养老、残疾人服务'],
  ['幽兰派出所', '治安、户籍、反电诈'],
  ['幽兰镇卫生院', '医疗、健康义诊、慢病随访'],
  ['镇司法所', '法律咨询、人民调解'],
  ['镇自来水厂', '供水、管网维修'],
];

/** The five teams of the article. [name, colour, focus, description] */
export const TEAMS: [string, 'red' | 'blue' | 'green' | 'pink' | 'orange', string, string][] = [
  ['红色党员先锋服务队', 'red', '党员先锋', '由党员组成，带头收集社情民意、解决急难愁盼问题。'],
  ['蓝色平安建设服务队', 'blue', '平安建设', '治安巡逻、矛盾纠纷排查调解、反电诈宣传。'],
  ['绿色产业发展服务队', 'green', '产业发展', '种粮大户、新型农民参与，服务农业生产和产业发展。'],
  ['粉色巾帼爱心服务队', 'pink', '巾帼爱心（一老一小）', '关爱独居老人和留守儿童，开展暖阳行动。'],
  ['橙色五老暖心服务队', 'orange', '五老暖心', '老干部、老教师、老战士、老模范、老专家发挥余热。'],
];

/** Villages where every team has a squad. */
export const SQUAD_VILLAGES = ['厚田村', '青塘村', '涂村村', '少城村'];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
export const GIVEN_MALE = [
  '建国',
  '志强',
  '国华',
  '德明',
  '春生',
  '水根',
  '金保',
  '长生',
  '永福',
  '家旺',
  '海涛',
  '文斌',
  '俊杰',
  '明辉',
  '立新',
  '正平',
  '顺发',
  '红兵',
  '小军',
  '宏伟',
  '振华',
  '世荣',
  '友根',
  '冬生',
  '新民',
];
export const GIVEN_FEMALE = [
  '秀英',
  '桂兰',
  '玉梅',
  '春花',
  '美华',
  '小红',
  '丽萍',
  '金凤',
  '淑芬',
  '海燕',
  '雪梅',
  '月娥',
  '冬梅',
  '晓燕',
  '彩霞',
  '秋菊',
  '翠萍',
  '爱华',
  '静',
  '婷',
];
export const SKILLS = [
  '理发',
  '电工',
  '水暖维修',
  '家电维修',
  '种植技术',
  '养殖技术',
  '法律咨询',
  '心理疏导',
  '健康护理',
  '文艺宣传',
  '书法',
  '驾驶',
  '摄影',
  '电脑操作',
  '调解',
];

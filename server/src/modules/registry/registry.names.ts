// Common surnames and given names of the region, from which generated households draw their members'
// names; also used for the demo people of the seed.
export const surnames = ['陈', '李', '黄', '张', '刘', '林', '王', '叶', '钟', '罗', '邱', '曾', '朱', '吴', '赖', '何', '谢', '杨', '邓', '梁'];
/** Given names as they are usually read: a man's, a woman's — so that a generated name never contradicts the sex its 身份证号 says. */
export const givenNamesBySex = {
  male: ['志强', '建华', '伟', '国平', '晓东', '少华', '文杰', '振宇', '俊峰', '子豪', '晓峰', '锦文', '伟明', '家豪', '永康', '德才', '汉明', '国强', '志明', '卫东'],
  female: ['丽娟', '海燕', '秀英', '美玲', '惠玲', '嘉怡', '敏', '永红', '雪梅', '丽华', '桂英', '凤英', '淑芬', '晓燕', '玉兰', '春梅', '婉婷', '佩玲', '秀珍', '月娥'],
} as const;

/** Any given name, where the sex does not matter (an official named in passing). */
export const givenNames: readonly string[] = [...givenNamesBySex.male, ...givenNamesBySex.female];

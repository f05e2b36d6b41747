// Common surnames and given names of the region, from which generated households draw their members'
// names; also used for the demo people of the seed.
export const surnames = ['陈', '李', '黄', '张', '刘', '林', '王', '叶', '钟', '罗', '邱', '曾', '朱', '吴', '赖', '何', '谢', '杨', '邓', '梁'];
export const givenNames = ['志强', '建华', '伟', '丽娟', '海燕', '国平', '晓东', '秀英', '少华', '文杰', '美玲', '振宇', '敏', '俊峰', '惠玲', '永红', '嘉怡', '锦文', '子豪', '晓峰'];

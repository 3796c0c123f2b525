// Texts of the sales pages (商机看板, 销售仪表盘); the English file has the same keys.
const sales = {
  kanban: {
    title: '商机看板',
    refresh: '刷新',
    listView: '列表视图',
    pipeline: '销售流程',
    owner: '负责人',
    department: '部门',
    closeFrom: '预计成交从',
    closeTo: '到',
    search: '搜索商机',
    count: '{n} 个',
    empty: '暂无商机',
    more: '加载更多',
    moveTo: '移动到…',
    noPipeline: '还没有销售流程，请管理员在后台配置',
  },
};

export default sales;

// English texts of the sales pages; the same keys as sales.zh-CN.ts.
import type zhCN from './sales.zh-CN';

const sales: typeof zhCN = {
  kanban: {
    title: 'Deal board',
    refresh: 'Refresh',
    listView: 'List view',
    pipeline: 'Pipeline',
    owner: 'Owner',
    department: 'Department',
    closeFrom: 'Expected close from',
    closeTo: 'to',
    search: 'Search deals',
    count: '{n}',
    empty: 'No deals',
    more: 'Load more',
    moveTo: 'Move to…',
    noPipeline: 'No sales pipeline yet; an administrator sets one up in the admin console',
  },
};

export default sales;

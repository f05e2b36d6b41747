/** UI text of the 我的待办 card, Chinese first; merged into app/messages.ts. */
export const todoMessagesZh = {
  'todo.title': '我的待办',
  'todo.total': '共 {n} 项',
  'todo.none': '暂无需要您处理的事项',
  'todo.open': '去处理',
};

export const todoMessagesEn: Record<keyof typeof todoMessagesZh, string> = {
  'todo.title': 'My to-dos',
  'todo.total': '{n} in all',
  'todo.none': 'Nothing waits on you',
  'todo.open': 'Open',
};

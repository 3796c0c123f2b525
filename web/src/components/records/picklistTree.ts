// Picklists whose options form a tree (an option's `parent` is another option's value, e.g. 产品分类
// 软件 → 标准版): the nested nodes a tree select shows.
// A flat picklist has no parents and stays a plain select.
import type { PicklistOption } from '@/api/records';

import { labelOf } from './format';

export interface PicklistNode {
  value: string;
  label: string;
  disabled: boolean;
  children?: PicklistNode[];
}

/** Whether any option sits under another one. */
export function isTree(options: readonly Pick<PicklistOption, 'parent'>[]): boolean {
  return options.some((o) => !!o.parent);
}

/**
 * The options as nested nodes, in their order. An option whose parent is missing from the list is
 * shown at the top level (nothing is hidden), and a loop (which the server refuses) cannot recurse.
 */
export function optionTree(options: readonly PicklistOption[], locale: string): PicklistNode[] {
  const byValue = new Map(options.map((o) => [o.value, o]));
  const children = new Map<string, PicklistOption[]>();
  const roots: PicklistOption[] = [];
  for (const o of options) {
    if (o.parent && o.parent !== o.value && byValue.has(o.parent)) {
      const list = children.get(o.parent) ?? [];
      list.push(o);
      children.set(o.parent, list);
    } else {
      roots.push(o);
    }
  }
  const seen = new Set<string>();
  const build = (o: PicklistOption): PicklistNode => {
    seen.add(o.value);
    const node: PicklistNode = { value: o.value, label: labelOf(o, locale), disabled: o.disabled === true };
    const kids = (children.get(o.value) ?? []).filter((k) => !seen.has(k.value)).map(build);
    if (kids.length) node.children = kids;
    return node;
  };
  const out = roots.map(build);
  // Options caught in a loop have no root; they still appear, at the top.
  for (const o of options) if (!seen.has(o.value)) out.push(build(o));
  return out;
}

/** Keeps disabled options only where they are chosen or have a choosable option below them. */
export function offeredTree(nodes: readonly PicklistNode[], chosen: ReadonlySet<string>): PicklistNode[] {
  const out: PicklistNode[] = [];
  for (const n of nodes) {
    const kids = n.children ? offeredTree(n.children, chosen) : [];
    if (n.disabled && !chosen.has(n.value) && kids.length === 0) continue;
    const node: PicklistNode = { value: n.value, label: n.label, disabled: n.disabled };
    if (kids.length) node.children = kids;
    out.push(node);
  }
  return out;
}

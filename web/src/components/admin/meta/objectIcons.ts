// Icons a custom object may have (its `icon`, a name of @element-plus/icons-vue), and the
// component for a stored name. Standard objects name theirs the same way.
import {
  Aim,
  Box,
  Briefcase,
  Calendar,
  ChatLineSquare,
  Collection,
  Document,
  Files,
  Flag,
  Folder,
  Goods,
  Histogram,
  House,
  Management,
  Medal,
  OfficeBuilding,
  Present,
  Promotion,
  Shop,
  Star,
  Tickets,
  TrendCharts,
  Trophy,
  User,
  UserFilled,
  Van,
} from '@element-plus/icons-vue';
import { type Component, markRaw } from 'vue';

const ICONS: Record<string, Component> = {
  Document,
  Folder,
  Files,
  Tickets,
  Collection,
  Box,
  Goods,
  Briefcase,
  Calendar,
  Flag,
  Star,
  Trophy,
  Medal,
  Present,
  Shop,
  House,
  OfficeBuilding,
  Van,
  Histogram,
  TrendCharts,
  Management,
  Promotion,
  User,
  UserFilled,
  Aim,
  ChatLineSquare,
};
for (const k of Object.keys(ICONS)) ICONS[k] = markRaw(ICONS[k]!);

/** Names offered when creating an object, in this order. */
export const OBJECT_ICONS = Object.keys(ICONS);

/** The icon component for a stored name; a document when unknown. */
export function objectIcon(name: string | null | undefined): Component {
  return (name && ICONS[name]) || ICONS.Document!;
}

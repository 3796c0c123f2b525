// The app's one door to Element Plus: every component the app uses is re-exported here,
// each together with its own styles. Pages import from '@/ui/element-plus', never from
// 'element-plus' itself: the package's root module reads `install` off an object that
// holds every component, so importing anything from it puts all of Element Plus
// (about 900 kB) into the bundle. Adding a component means adding two lines below.

import 'element-plus/es/components/alert/style/css';
import 'element-plus/es/components/avatar/style/css';
import 'element-plus/es/components/badge/style/css';
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/cascader/style/css';
import 'element-plus/es/components/checkbox/style/css';
import 'element-plus/es/components/checkbox-group/style/css';
import 'element-plus/es/components/color-picker/style/css';
import 'element-plus/es/components/config-provider/style/css';
import 'element-plus/es/components/date-picker/style/css';
import 'element-plus/es/components/dialog/style/css';
import 'element-plus/es/components/divider/style/css';
import 'element-plus/es/components/drawer/style/css';
import 'element-plus/es/components/dropdown/style/css';
import 'element-plus/es/components/dropdown-item/style/css';
import 'element-plus/es/components/dropdown-menu/style/css';
import 'element-plus/es/components/empty/style/css';
import 'element-plus/es/components/form/style/css';
import 'element-plus/es/components/form-item/style/css';
import 'element-plus/es/components/icon/style/css';
import 'element-plus/es/components/input/style/css';
import 'element-plus/es/components/input-number/style/css';
import 'element-plus/es/components/link/style/css';
import 'element-plus/es/components/loading/style/css';
import 'element-plus/es/components/menu/style/css';
import 'element-plus/es/components/menu-item/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/option/style/css';
import 'element-plus/es/components/pagination/style/css';
import 'element-plus/es/components/popover/style/css';
import 'element-plus/es/components/progress/style/css';
import 'element-plus/es/components/radio/style/css';
import 'element-plus/es/components/radio-button/style/css';
import 'element-plus/es/components/radio-group/style/css';
import 'element-plus/es/components/select/style/css';
import 'element-plus/es/components/step/style/css';
import 'element-plus/es/components/steps/style/css';
import 'element-plus/es/components/sub-menu/style/css';
import 'element-plus/es/components/switch/style/css';
import 'element-plus/es/components/tab-pane/style/css';
import 'element-plus/es/components/table/style/css';
import 'element-plus/es/components/table-column/style/css';
import 'element-plus/es/components/tabs/style/css';
import 'element-plus/es/components/tag/style/css';
import 'element-plus/es/components/tooltip/style/css';
import 'element-plus/es/components/tree/style/css';
import 'element-plus/es/components/tree-select/style/css';
import 'element-plus/es/components/upload/style/css';

export { ElAlert } from 'element-plus/es/components/alert/index';
export { ElAvatar } from 'element-plus/es/components/avatar/index';
export { ElBadge } from 'element-plus/es/components/badge/index';
export { ElButton } from 'element-plus/es/components/button/index';
export { ElCascader } from 'element-plus/es/components/cascader/index';
export { ElCheckbox, ElCheckboxGroup } from 'element-plus/es/components/checkbox/index';
export { ElColorPicker } from 'element-plus/es/components/color-picker/index';
export { ElConfigProvider } from 'element-plus/es/components/config-provider/index';
export { ElDatePicker } from 'element-plus/es/components/date-picker/index';
export { ElDialog } from 'element-plus/es/components/dialog/index';
export { ElDivider } from 'element-plus/es/components/divider/index';
export { ElDrawer } from 'element-plus/es/components/drawer/index';
export { ElDropdown, ElDropdownItem, ElDropdownMenu } from 'element-plus/es/components/dropdown/index';
export { ElEmpty } from 'element-plus/es/components/empty/index';
export { ElForm, ElFormItem } from 'element-plus/es/components/form/index';
export { ElIcon } from 'element-plus/es/components/icon/index';
export { ElInputNumber } from 'element-plus/es/components/input-number/index';
export { ElInput } from 'element-plus/es/components/input/index';
export { ElLink } from 'element-plus/es/components/link/index';
export { vLoading } from 'element-plus/es/components/loading/index';
export { ElMenu, ElMenuItem, ElSubMenu } from 'element-plus/es/components/menu/index';
export { ElMessageBox } from 'element-plus/es/components/message-box/index';
export { ElMessage } from 'element-plus/es/components/message/index';
export { ElPagination } from 'element-plus/es/components/pagination/index';
export { ElPopover } from 'element-plus/es/components/popover/index';
export { ElProgress } from 'element-plus/es/components/progress/index';
export { ElRadio, ElRadioButton, ElRadioGroup } from 'element-plus/es/components/radio/index';
export { ElOption, ElSelect } from 'element-plus/es/components/select/index';
export { ElStep, ElSteps } from 'element-plus/es/components/steps/index';
export { ElSwitch } from 'element-plus/es/components/switch/index';
export { ElTable, ElTableColumn } from 'element-plus/es/components/table/index';
export { ElTabPane, ElTabs } from 'element-plus/es/components/tabs/index';
export { ElTag } from 'element-plus/es/components/tag/index';
export { ElTooltip } from 'element-plus/es/components/tooltip/index';
export { ElTreeSelect } from 'element-plus/es/components/tree-select/index';
export { ElTree } from 'element-plus/es/components/tree/index';
export { ElUpload } from 'element-plus/es/components/upload/index';

// Types cost nothing at run time and may come from the package root.
export type {
  AllowDropFunction,
  AllowDropType,
  FormInstance,
  FormItemRule,
  FormRules,
  NodeDropType,
  TreeInstance,
  UploadFile,
} from 'element-plus';
/** A node of ElTree's model (what allow-drag, allow-drop and node-drop receive). */
export type TreeNodeModel = Parameters<import('element-plus').AllowDropFunction>[0];

export { default as elementEn } from 'element-plus/es/locale/lang/en';
export { default as elementZhCn } from 'element-plus/es/locale/lang/zh-cn';

// The app's one door to Element Plus: every component the app uses is re-exported here,
// each together with its own styles. Pages import from '@/ui/element-plus', never from
// 'element-plus' itself: the package's root module reads `install` off an object that
// holds every component, so importing anything from it puts all of Element Plus
// (about 900 kB) into the bundle. Adding a component means adding two lines below.

import 'element-plus/es/components/alert/style/css';
import 'element-plus/es/components/avatar/style/css';
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/config-provider/style/css';
import 'element-plus/es/components/drawer/style/css';
import 'element-plus/es/components/dropdown/style/css';
import 'element-plus/es/components/dropdown-item/style/css';
import 'element-plus/es/components/dropdown-menu/style/css';
import 'element-plus/es/components/empty/style/css';
import 'element-plus/es/components/form/style/css';
import 'element-plus/es/components/form-item/style/css';
import 'element-plus/es/components/icon/style/css';
import 'element-plus/es/components/input/style/css';
import 'element-plus/es/components/menu/style/css';
import 'element-plus/es/components/menu-item/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/radio/style/css';
import 'element-plus/es/components/radio-group/style/css';
import 'element-plus/es/components/sub-menu/style/css';
import 'element-plus/es/components/tag/style/css';

export { ElAlert } from 'element-plus/es/components/alert/index';
export { ElAvatar } from 'element-plus/es/components/avatar/index';
export { ElButton } from 'element-plus/es/components/button/index';
export { ElConfigProvider } from 'element-plus/es/components/config-provider/index';
export { ElDrawer } from 'element-plus/es/components/drawer/index';
export { ElDropdown, ElDropdownItem, ElDropdownMenu } from 'element-plus/es/components/dropdown/index';
export { ElEmpty } from 'element-plus/es/components/empty/index';
export { ElForm, ElFormItem } from 'element-plus/es/components/form/index';
export { ElIcon } from 'element-plus/es/components/icon/index';
export { ElInput } from 'element-plus/es/components/input/index';
export { ElMenu, ElMenuItem, ElSubMenu } from 'element-plus/es/components/menu/index';
export { ElMessage } from 'element-plus/es/components/message/index';
export { ElRadio, ElRadioGroup } from 'element-plus/es/components/radio/index';
export { ElTag } from 'element-plus/es/components/tag/index';

// Types cost nothing at run time and may come from the package root.
export type { FormInstance, FormItemRule, FormRules } from 'element-plus';

export { default as elementEn } from 'element-plus/es/locale/lang/en';
export { default as elementZhCn } from 'element-plus/es/locale/lang/zh-cn';

import { ElMessageBox } from '@/ui/element-plus';

// Asks before something that cannot be taken back (or is costly to redo). One look for every such
// question: a warning box, the action's own name on the confirm button, red when it destroys.

export interface ConfirmOptions {
  /** The confirm button's text: the action's name (删除, 停用 …). */
  confirm: string;
  cancel: string;
  /** Destroys something: a red confirm button, and Enter does not confirm. */
  danger?: boolean;
  /** 'info' for questions that only check intent (move a department). */
  type?: 'warning' | 'info';
}

/** Resolves true when the person confirmed, false when they cancelled or closed the box. */
export async function confirmed(message: string, title: string, options: ConfirmOptions): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      confirmButtonText: options.confirm,
      cancelButtonText: options.cancel,
      type: options.type ?? 'warning',
      ...(options.danger ? { confirmButtonClass: 'el-button--danger', autofocus: false } : {}),
    });
    return true;
  } catch {
    return false;
  }
}

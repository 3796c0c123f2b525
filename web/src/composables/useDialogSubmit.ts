import { ref, watch } from 'vue';

import { isApiError } from '@/api/request';
import { errorText } from '@/utils/errors';

// The life of a dialog's submit button, the same in every dialog that saves something: one save
// at a time, the server's message on failure (and its per-field messages next to the fields), the
// dialog closed on success, and every message cleared when the dialog opens again.

export interface DialogSubmitOptions {
  /** Whether the dialog is open (usually `() => props.modelValue`). */
  open: () => boolean;
  /** Closes the dialog after a successful save. */
  close: () => void;
  /** Fills the form afresh each time the dialog opens. */
  onOpen?: () => void | Promise<void>;
}

export function useDialogSubmit(options: DialogSubmitOptions) {
  const saving = ref(false);
  /** The message shown above the buttons. */
  const error = ref('');
  /** Messages per field name: the form's own checks, then the server's `details`. */
  const fieldErrors = ref<Record<string, string>>({});

  watch(options.open, async (open) => {
    if (!open) return;
    error.value = '';
    fieldErrors.value = {};
    await options.onOpen?.();
  });

  /** Runs the save unless one is running; closes the dialog when it succeeds. */
  async function submit(save: () => Promise<void>): Promise<boolean> {
    if (saving.value) return false;
    saving.value = true;
    error.value = '';
    try {
      await save();
      options.close();
      return true;
    } catch (e) {
      if (isApiError(e) && e.details.length > 0) fieldErrors.value = e.fieldErrors();
      error.value = errorText(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { saving, error, fieldErrors, submit };
}

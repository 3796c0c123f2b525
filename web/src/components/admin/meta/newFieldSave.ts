// Saving a new field whose settings go in two requests (a file or image field: the field, then its
// limits, components/files/FileLimitsEditor.vue). When the field is created but the second request
// fails, the dialog keeps the created field: pressing Save again retries only what failed, instead
// of creating the field a second time (which the server would refuse as a duplicate).

export interface NewFieldSteps<F> {
  /** POST …/fields: creates the field. */
  create: () => Promise<F>;
  /** What follows for the created field (PUT …/file-limits); throws when it fails. */
  after: (field: F) => Promise<void>;
}

export interface NewFieldOutcome<F> {
  field: F;
  /** True when this call created the field (the first Save), false on a retry. */
  createdNow: boolean;
  /** Why the second step failed; null when everything is saved. */
  afterError: unknown;
}

/**
 * Creates the field unless `created` (the field an earlier Save created) is given, then runs the
 * second step. A failed creation throws (nothing was saved); a failed second step is returned with
 * the field, for the dialog to keep and to say so.
 */
export async function saveNewField<F>(created: F | null, steps: NewFieldSteps<F>): Promise<NewFieldOutcome<F>> {
  const field = created ?? (await steps.create());
  try {
    await steps.after(field);
    return { field, createdNow: created === null, afterError: null };
  } catch (e) {
    return { field, createdNow: created === null, afterError: e };
  }
}

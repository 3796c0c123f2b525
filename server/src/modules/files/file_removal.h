#pragma once

// Files taken off a record (附件 / 图片): after an update, a file linked to the record that none of
// its file or image fields lists any more is unlinked in the write's transaction (unlinked_at set),
// so the daily clean-up (file_cleanup.h) removes it a grace window later, as it does an upload no
// record took. A file moved from one field of the record to another stays linked, now under the
// field that lists it. Files linked to a field that is deleted (and may come back) are left alone;
// they go when it is purged (records/meta_deletion.h). A file is linked to one record only, so no
// other record can still hold it.

#include "records/record_service.h"

namespace xieli::files {

// Runs for every object (records::kEveryObject), next to FileFieldHooks().
records::RecordHooks FileRemovalHooks();

}  // namespace xieli::files

-- Options of a picklist may form a tree (产品分类: 软件 → 标准版/企业版): an option's parent is
-- another option of the same picklist, by value. NULL for top-level options and flat picklists.
-- Records still store one value; the filter operator "under" matches an option and all below it.
ALTER TABLE picklist_options ADD COLUMN parent TEXT;
CREATE INDEX picklist_options_parent ON picklist_options (picklist, parent);

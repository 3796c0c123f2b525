-- A new lead starts as 未处理 (lead_status "new", the first option of 线索状态) unless it is given a
-- status (audit 5 §5.4): a metadata default on the field, shown in /meta and applied by the write path like
-- any field default (records/record_service.cpp). Enterprises registered from now on get it from
-- records/standard_objects.cpp; this gives it to those registered before. A status field that already has
-- a default, uses another picklist, or whose "new" option was switched off was configured by an
-- administrator and is left alone.
UPDATE meta_fields
SET default_value = '"new"'
WHERE object = 'lead'
  AND name = 'status'
  AND default_value IS NULL
  AND picklist = 'lead_status'
  AND EXISTS (SELECT 1 FROM picklist_options WHERE picklist = 'lead_status' AND value = 'new' AND disabled = 0);

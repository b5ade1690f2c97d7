from wagtail_modeladmin.options import modeladmin_register

from citations.audit import EvidenceAuditGroup

modeladmin_register(EvidenceAuditGroup)

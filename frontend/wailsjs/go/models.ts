export namespace app {
	
	export class ActionView {
	    text: string;
	    owner: string;
	    due: string;
	    done: boolean;
	    index: number;
	    overdue: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ActionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.done = source["done"];
	        this.index = source["index"];
	        this.overdue = source["overdue"];
	    }
	}
	export class Recusal {
	    partnerId: number;
	    partnerName: string;
	    entityId: number;
	    entityName: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Recusal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.partnerId = source["partnerId"];
	        this.partnerName = source["partnerName"];
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.reason = source["reason"];
	    }
	}
	export class AddedEntity {
	    status: string;
	    recusals: Recusal[];
	
	    static createFrom(source: any = {}) {
	        return new AddedEntity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.recusals = this.convertValues(source["recusals"], Recusal);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DisagreementRow {
	    entityId: number;
	    name: string;
	    evaluators: number;
	    disagreement: number;
	    aspects: string[];
	
	    static createFrom(source: any = {}) {
	        return new DisagreementRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityId = source["entityId"];
	        this.name = source["name"];
	        this.evaluators = source["evaluators"];
	        this.disagreement = source["disagreement"];
	        this.aspects = source["aspects"];
	    }
	}
	export class AgreementView {
	    alpha: Record<string, number | null>;
	    overall?: number | null;
	    entities: DisagreementRow[];
	
	    static createFrom(source: any = {}) {
	        return new AgreementView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.alpha = source["alpha"];
	        this.overall = source["overall"];
	        this.entities = this.convertValues(source["entities"], DisagreementRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Settings {
	    officerName: string;
	    autoLockMinutes: number;
	    weights: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.officerName = source["officerName"];
	        this.autoLockMinutes = source["autoLockMinutes"];
	        this.weights = source["weights"];
	    }
	}
	export class AppInfo {
	    version: string;
	    registerPath: string;
	    state: 'absent' | 'locked' | 'open';
	    settings: Settings;
	    lockedAt: string;
	    lockReason: string;
	    autoLockMinutes: number;
	    kdfWeak: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.registerPath = source["registerPath"];
	        this.state = source["state"];
	        this.settings = this.convertValues(source["settings"], Settings);
	        this.lockedAt = source["lockedAt"];
	        this.lockReason = source["lockReason"];
	        this.autoLockMinutes = source["autoLockMinutes"];
	        this.kdfWeak = source["kdfWeak"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AspectView {
	    code: string;
	    label: string;
	    anchors: string[];
	    weight: number;
	
	    static createFrom(source: any = {}) {
	        return new AspectView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.anchors = source["anchors"];
	        this.weight = source["weight"];
	    }
	}
	export class Attachment {
	    id: number;
	    entityId: number;
	    name: string;
	    mime: string;
	    size: number;
	    sha256: string;
	    addedAt: string;
	    addedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Attachment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.entityId = source["entityId"];
	        this.name = source["name"];
	        this.mime = source["mime"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.addedAt = source["addedAt"];
	        this.addedBy = source["addedBy"];
	    }
	}
	export class AttachmentData {
	    name: string;
	    mime: string;
	    base64: string;
	
	    static createFrom(source: any = {}) {
	        return new AttachmentData(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.mime = source["mime"];
	        this.base64 = source["base64"];
	    }
	}
	export class BackupCheck {
	    name: string;
	    entities: number;
	    submissions: number;
	    meetings: number;
	    current: number;
	
	    static createFrom(source: any = {}) {
	        return new BackupCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.entities = source["entities"];
	        this.submissions = source["submissions"];
	        this.meetings = source["meetings"];
	        this.current = source["current"];
	    }
	}
	export class BackupChoice {
	    name: string;
	    folder: string;
	    size: number;
	    modified: string;
	
	    static createFrom(source: any = {}) {
	        return new BackupChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.folder = source["folder"];
	        this.size = source["size"];
	        this.modified = source["modified"];
	    }
	}
	export class BackupFile {
	    name: string;
	    made: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new BackupFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.made = source["made"];
	        this.size = source["size"];
	    }
	}
	export class BackupPlan {
	    folder: string;
	    keep: number;
	    daily: boolean;
	    last: string;
	    folderMissing: boolean;
	    backups: BackupFile[];
	
	    static createFrom(source: any = {}) {
	        return new BackupPlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.folder = source["folder"];
	        this.keep = source["keep"];
	        this.daily = source["daily"];
	        this.last = source["last"];
	        this.folderMissing = source["folderMissing"];
	        this.backups = this.convertValues(source["backups"], BackupFile);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BackupReport {
	    ok: boolean;
	    name: string;
	    folder: string;
	    removed: string[];
	    message: string;
	    plan: BackupPlan;
	
	    static createFrom(source: any = {}) {
	        return new BackupReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.name = source["name"];
	        this.folder = source["folder"];
	        this.removed = source["removed"];
	        this.message = source["message"];
	        this.plan = this.convertValues(source["plan"], BackupPlan);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ChoicesView {
	    routes: register.Choice[];
	    atpTypes: register.Choice[];
	    geneVectors: register.Choice[];
	    intendedUses: register.Choice[];
	    startingMaterials: register.Choice[];
	    processTypes: register.Choice[];
	    trainingRoles: register.Choice[];
	    statuses: register.Choice[];
	    labels: Record<string, string>;
	    needsReason: string[];
	    maxAttachmentBytes: number;
	
	    static createFrom(source: any = {}) {
	        return new ChoicesView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.routes = this.convertValues(source["routes"], register.Choice);
	        this.atpTypes = this.convertValues(source["atpTypes"], register.Choice);
	        this.geneVectors = this.convertValues(source["geneVectors"], register.Choice);
	        this.intendedUses = this.convertValues(source["intendedUses"], register.Choice);
	        this.startingMaterials = this.convertValues(source["startingMaterials"], register.Choice);
	        this.processTypes = this.convertValues(source["processTypes"], register.Choice);
	        this.trainingRoles = this.convertValues(source["trainingRoles"], register.Choice);
	        this.statuses = this.convertValues(source["statuses"], register.Choice);
	        this.labels = source["labels"];
	        this.needsReason = source["needsReason"];
	        this.maxAttachmentBytes = source["maxAttachmentBytes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Conflict {
	    partnerId: number;
	    partnerName: string;
	    entityId: number;
	    entityName: string;
	    reason: string;
	    createdAt: string;
	    createdBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Conflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.partnerId = source["partnerId"];
	        this.partnerName = source["partnerName"];
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.reason = source["reason"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	    }
	}
	export class DemandCell {
	    entities: number;
	    submissions: number;
	    entityIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new DemandCell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entities = source["entities"];
	        this.submissions = source["submissions"];
	        this.entityIds = source["entityIds"];
	    }
	}
	export class DemandRow {
	    code: string;
	    label: string;
	    entities: number;
	    submissions: number;
	    entityIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new DemandRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.entities = source["entities"];
	        this.submissions = source["submissions"];
	        this.entityIds = source["entityIds"];
	    }
	}
	export class DemandDimension {
	    key: string;
	    title: string;
	    multi: boolean;
	    rows: DemandRow[];
	
	    static createFrom(source: any = {}) {
	        return new DemandDimension(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.title = source["title"];
	        this.multi = source["multi"];
	        this.rows = this.convertValues(source["rows"], DemandRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DemandEntity {
	    id: number;
	    name: string;
	    status: string;
	    statusLabel: string;
	    products: number;
	
	    static createFrom(source: any = {}) {
	        return new DemandEntity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.products = source["products"];
	    }
	}
	export class DemandExportResult {
	    documentId: string;
	    format: string;
	    path: string;
	    size: number;
	    sha256: string;
	    ledgerId: number;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new DemandExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.documentId = source["documentId"];
	        this.format = source["format"];
	        this.path = source["path"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.ledgerId = source["ledgerId"];
	        this.at = source["at"];
	    }
	}
	
	export class DemandSeries {
	    code: string;
	    label: string;
	    cells: DemandCell[];
	
	    static createFrom(source: any = {}) {
	        return new DemandSeries(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.cells = this.convertValues(source["cells"], DemandCell);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DemandTimeline {
	    quarters: string[];
	    series: DemandSeries[];
	    totals: DemandCell[];
	    undated: DemandRow;
	
	    static createFrom(source: any = {}) {
	        return new DemandTimeline(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quarters = source["quarters"];
	        this.series = this.convertValues(source["series"], DemandSeries);
	        this.totals = this.convertValues(source["totals"], DemandCell);
	        this.undated = this.convertValues(source["undated"], DemandRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DemandSummary {
	    statuses: string[];
	    entities: number;
	    submissions: number;
	    withoutSubmissions: number;
	    dimensions: DemandDimension[];
	    timeline: DemandTimeline;
	
	    static createFrom(source: any = {}) {
	        return new DemandSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.statuses = source["statuses"];
	        this.entities = source["entities"];
	        this.submissions = source["submissions"];
	        this.withoutSubmissions = source["withoutSubmissions"];
	        this.dimensions = this.convertValues(source["dimensions"], DemandDimension);
	        this.timeline = this.convertValues(source["timeline"], DemandTimeline);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class StatusCount {
	    code: string;
	    label: string;
	    entities: number;
	
	    static createFrom(source: any = {}) {
	        return new StatusCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.entities = source["entities"];
	    }
	}
	export class DemandView {
	    summary: DemandSummary;
	    entities: DemandEntity[];
	    statuses: StatusCount[];
	    registerTotal: number;
	    suppressionRule: string;
	
	    static createFrom(source: any = {}) {
	        return new DemandView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.summary = this.convertValues(source["summary"], DemandSummary);
	        this.entities = this.convertValues(source["entities"], DemandEntity);
	        this.statuses = this.convertValues(source["statuses"], StatusCount);
	        this.registerTotal = source["registerTotal"];
	        this.suppressionRule = source["suppressionRule"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class EmailAddress {
	    name: string;
	    email: string;
	
	    static createFrom(source: any = {}) {
	        return new EmailAddress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.email = source["email"];
	    }
	}
	export class EmailAttachment {
	    name: string;
	    contentType: string;
	    size: number;
	    isEmail: boolean;
	
	    static createFrom(source: any = {}) {
	        return new EmailAttachment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.contentType = source["contentType"];
	        this.size = source["size"];
	        this.isEmail = source["isEmail"];
	    }
	}
	export class EmailView {
	    from: EmailAddress[];
	    to: EmailAddress[];
	    cc: EmailAddress[];
	    subject: string;
	    date: string;
	    messageId: string;
	    text: string;
	    attachments: EmailAttachment[];
	
	    static createFrom(source: any = {}) {
	        return new EmailView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = this.convertValues(source["from"], EmailAddress);
	        this.to = this.convertValues(source["to"], EmailAddress);
	        this.cc = this.convertValues(source["cc"], EmailAddress);
	        this.subject = source["subject"];
	        this.date = source["date"];
	        this.messageId = source["messageId"];
	        this.text = source["text"];
	        this.attachments = this.convertValues(source["attachments"], EmailAttachment);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EntityAgreement {
	    disagreement?: number | null;
	    rank: number;
	    compared: number;
	    aspects: string[];
	    overall?: number | null;
	
	    static createFrom(source: any = {}) {
	        return new EntityAgreement(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.disagreement = source["disagreement"];
	        this.rank = source["rank"];
	        this.compared = source["compared"];
	        this.aspects = source["aspects"];
	        this.overall = source["overall"];
	    }
	}
	export class EvaluatorConflictRef {
	    evaluatorId: number;
	    evaluatorName: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new EvaluatorConflictRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluatorId = source["evaluatorId"];
	        this.evaluatorName = source["evaluatorName"];
	        this.reason = source["reason"];
	    }
	}
	export class EntityScore {
	    evaluations: number;
	    evaluators: string[];
	    means: Record<string, number>;
	    spread: Record<string, number>;
	    disagreements: string[];
	    total: number;
	    recommendations: Record<string, number>;
	    latest: string;
	
	    static createFrom(source: any = {}) {
	        return new EntityScore(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluations = source["evaluations"];
	        this.evaluators = source["evaluators"];
	        this.means = source["means"];
	        this.spread = source["spread"];
	        this.disagreements = source["disagreements"];
	        this.total = source["total"];
	        this.recommendations = source["recommendations"];
	        this.latest = source["latest"];
	    }
	}
	export class Score {
	    score: number;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Score(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.score = source["score"];
	        this.note = source["note"];
	    }
	}
	export class Evaluation {
	    id: number;
	    entityId: number;
	    evaluator: string;
	    date: string;
	    scores: Record<string, Score>;
	    recommendation: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Evaluation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.entityId = source["entityId"];
	        this.evaluator = source["evaluator"];
	        this.date = source["date"];
	        this.scores = this.convertValues(source["scores"], Score, true);
	        this.recommendation = source["recommendation"];
	        this.reason = source["reason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EvaluationView {
	    evaluation: Evaluation;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new EvaluationView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluation = this.convertValues(source["evaluation"], Evaluation);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EntityEvaluations {
	    entityId: number;
	    name: string;
	    status: string;
	    statusLabel: string;
	    evaluations: EvaluationView[];
	    summary: EntityScore;
	    total: number;
	    rank: number;
	    rankedCount: number;
	    conflicts: Conflict[];
	    evaluatorConflicts: EvaluatorConflictRef[];
	    agreement: EntityAgreement;
	
	    static createFrom(source: any = {}) {
	        return new EntityEvaluations(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityId = source["entityId"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.evaluations = this.convertValues(source["evaluations"], EvaluationView);
	        this.summary = this.convertValues(source["summary"], EntityScore);
	        this.total = source["total"];
	        this.rank = source["rank"];
	        this.rankedCount = source["rankedCount"];
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	        this.evaluatorConflicts = this.convertValues(source["evaluatorConflicts"], EvaluatorConflictRef);
	        this.agreement = this.convertValues(source["agreement"], EntityAgreement);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EntityOption {
	    id: number;
	    name: string;
	    status: string;
	    statusLabel: string;
	
	    static createFrom(source: any = {}) {
	        return new EntityOption(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	    }
	}
	export class EntityRef {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new EntityRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class EntityRow {
	    id: number;
	    name: string;
	    status: string;
	    statusLabel: string;
	    contactName: string;
	    receivedOn: string;
	    updatedAt: string;
	    complete: boolean;
	    missingCount: number;
	    products: string[];
	    atpTypes: string[];
	    score?: number | null;
	
	    static createFrom(source: any = {}) {
	        return new EntityRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.contactName = source["contactName"];
	        this.receivedOn = source["receivedOn"];
	        this.updatedAt = source["updatedAt"];
	        this.complete = source["complete"];
	        this.missingCount = source["missingCount"];
	        this.products = source["products"];
	        this.atpTypes = source["atpTypes"];
	        this.score = source["score"];
	    }
	}
	
	export class HistoryEntry {
	    id: number;
	    entityId: number;
	    at: string;
	    by: string;
	    action: string;
	    field: string;
	    old: string;
	    new: string;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new HistoryEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.entityId = source["entityId"];
	        this.at = source["at"];
	        this.by = source["by"];
	        this.action = source["action"];
	        this.field = source["field"];
	        this.old = source["old"];
	        this.new = source["new"];
	        this.detail = source["detail"];
	    }
	}
	export class MissingView {
	    field: string;
	    label: string;
	    submissionId: number;
	    product: string;
	
	    static createFrom(source: any = {}) {
	        return new MissingView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.label = source["label"];
	        this.submissionId = source["submissionId"];
	        this.product = source["product"];
	    }
	}
	export class EntityView {
	    entity: register.Entity;
	    complete: boolean;
	    missing: MissingView[];
	    moves: register.Choice[];
	    history: HistoryEntry[];
	    attachments: Attachment[];
	
	    static createFrom(source: any = {}) {
	        return new EntityView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entity = this.convertValues(source["entity"], register.Entity);
	        this.complete = source["complete"];
	        this.missing = this.convertValues(source["missing"], MissingView);
	        this.moves = this.convertValues(source["moves"], register.Choice);
	        this.history = this.convertValues(source["history"], HistoryEntry);
	        this.attachments = this.convertValues(source["attachments"], Attachment);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class EvaluationSetup {
	    aspects: AspectView[];
	    recommendations: register.Choice[];
	    minScore: number;
	    maxScore: number;
	    disagreement: number;
	    evaluator: string;
	    today: string;
	
	    static createFrom(source: any = {}) {
	        return new EvaluationSetup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.aspects = this.convertValues(source["aspects"], AspectView);
	        this.recommendations = this.convertValues(source["recommendations"], register.Choice);
	        this.minScore = source["minScore"];
	        this.maxScore = source["maxScore"];
	        this.disagreement = source["disagreement"];
	        this.evaluator = source["evaluator"];
	        this.today = source["today"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Evaluator {
	    id: number;
	    name: string;
	    role: string;
	    email: string;
	
	    static createFrom(source: any = {}) {
	        return new Evaluator(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.email = source["email"];
	    }
	}
	export class EvaluatorConflict {
	    evaluatorId: number;
	    entityId: number;
	    entityName: string;
	    reason: string;
	    createdAt: string;
	    createdBy: string;
	
	    static createFrom(source: any = {}) {
	        return new EvaluatorConflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluatorId = source["evaluatorId"];
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.reason = source["reason"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	    }
	}
	
	export class SheetView {
	    docId: string;
	    evaluatorId: number;
	    evaluatorName: string;
	    entityIds: number[];
	    entityNames: string[];
	    sentAt: string;
	    due: string;
	    returnedAt: string;
	    state: 'out' | 'overdue' | 'returned';
	    daysLate: number;
	
	    static createFrom(source: any = {}) {
	        return new SheetView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.docId = source["docId"];
	        this.evaluatorId = source["evaluatorId"];
	        this.evaluatorName = source["evaluatorName"];
	        this.entityIds = source["entityIds"];
	        this.entityNames = source["entityNames"];
	        this.sentAt = source["sentAt"];
	        this.due = source["due"];
	        this.returnedAt = source["returnedAt"];
	        this.state = source["state"];
	        this.daysLate = source["daysLate"];
	    }
	}
	export class EvaluatorView {
	    evaluator: Evaluator;
	    conflicts: EvaluatorConflict[];
	    sent: number;
	    returned: number;
	    overdue: number;
	    sheets: SheetView[];
	
	    static createFrom(source: any = {}) {
	        return new EvaluatorView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluator = this.convertValues(source["evaluator"], Evaluator);
	        this.conflicts = this.convertValues(source["conflicts"], EvaluatorConflict);
	        this.sent = source["sent"];
	        this.returned = source["returned"];
	        this.overdue = source["overdue"];
	        this.sheets = this.convertValues(source["sheets"], SheetView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Exclusion {
	    partnerId: number;
	    partnerName: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Exclusion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.partnerId = source["partnerId"];
	        this.partnerName = source["partnerName"];
	        this.reason = source["reason"];
	    }
	}
	
	export class ImportColumn {
	    name: string;
	    label: string;
	    kind: number;
	    entity: boolean;
	    required: boolean;
	    help: string;
	    choices: register.Choice[];
	
	    static createFrom(source: any = {}) {
	        return new ImportColumn(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.entity = source["entity"];
	        this.required = source["required"];
	        this.help = source["help"];
	        this.choices = this.convertValues(source["choices"], register.Choice);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportProduct {
	    name: string;
	    row: number;
	    action: string;
	    changes: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportProduct(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.row = source["row"];
	        this.action = source["action"];
	        this.changes = source["changes"];
	    }
	}
	export class ImportEntity {
	    name: string;
	    email: string;
	    rows: number[];
	    action: string;
	    entityId: number;
	    changes: number;
	    products: ImportProduct[];
	    complete: boolean;
	    missing: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportEntity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.email = source["email"];
	        this.rows = source["rows"];
	        this.action = source["action"];
	        this.entityId = source["entityId"];
	        this.changes = source["changes"];
	        this.products = this.convertValues(source["products"], ImportProduct);
	        this.complete = source["complete"];
	        this.missing = source["missing"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportFileInfo {
	    name: string;
	    sha256: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportFileInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.sha256 = source["sha256"];
	    }
	}
	export class PreviewRow {
	    row: number;
	    entity: string;
	    email: string;
	    product: string;
	    action: string;
	    problems: ImportProblem[];
	
	    static createFrom(source: any = {}) {
	        return new PreviewRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.entity = source["entity"];
	        this.email = source["email"];
	        this.product = source["product"];
	        this.action = source["action"];
	        this.problems = this.convertValues(source["problems"], ImportProblem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportProblem {
	    row: number;
	    column: string;
	    value: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.column = source["column"];
	        this.value = source["value"];
	        this.reason = source["reason"];
	    }
	}
	export class ImportReport {
	    file: ImportFileInfo;
	    format: string;
	    dryRun: boolean;
	    applied: boolean;
	    rows: number;
	    entities: ImportEntity[];
	    created: number;
	    merged: number;
	    unchanged: number;
	    added: number;
	    updated: number;
	    problems: ImportProblem[];
	    columns: string[];
	
	    static createFrom(source: any = {}) {
	        return new ImportReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = this.convertValues(source["file"], ImportFileInfo);
	        this.format = source["format"];
	        this.dryRun = source["dryRun"];
	        this.applied = source["applied"];
	        this.rows = source["rows"];
	        this.entities = this.convertValues(source["entities"], ImportEntity);
	        this.created = source["created"];
	        this.merged = source["merged"];
	        this.unchanged = source["unchanged"];
	        this.added = source["added"];
	        this.updated = source["updated"];
	        this.problems = this.convertValues(source["problems"], ImportProblem);
	        this.columns = source["columns"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportPreview {
	    token: string;
	    report: ImportReport;
	    rows: PreviewRow[];
	    truncated: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.report = this.convertValues(source["report"], ImportReport);
	        this.rows = this.convertValues(source["rows"], PreviewRow);
	        this.truncated = source["truncated"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	export class InfoRequest {
	    id: number;
	    entityId: number;
	    entityName: string;
	    kind: string;
	    kindLabel: string;
	    asked: string;
	    docId: string;
	    askedAt: string;
	    askedBy: string;
	    open: boolean;
	    answeredAt: string;
	    answeredWith: string;
	
	    static createFrom(source: any = {}) {
	        return new InfoRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.kind = source["kind"];
	        this.kindLabel = source["kindLabel"];
	        this.asked = source["asked"];
	        this.docId = source["docId"];
	        this.askedAt = source["askedAt"];
	        this.askedBy = source["askedBy"];
	        this.open = source["open"];
	        this.answeredAt = source["answeredAt"];
	        this.answeredWith = source["answeredWith"];
	    }
	}
	export class IntakeAttachmentView {
	    name: string;
	    contentType: string;
	    size: number;
	    form: boolean;
	    sheet: boolean;
	    email: boolean;
	    kept: boolean;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new IntakeAttachmentView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.contentType = source["contentType"];
	        this.size = source["size"];
	        this.form = source["form"];
	        this.sheet = source["sheet"];
	        this.email = source["email"];
	        this.kept = source["kept"];
	        this.note = source["note"];
	    }
	}
	export class IntakeChangeView {
	    key: string;
	    product: string;
	    field: string;
	    label: string;
	    register: string;
	    form: string;
	    taken: boolean;
	
	    static createFrom(source: any = {}) {
	        return new IntakeChangeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.product = source["product"];
	        this.field = source["field"];
	        this.label = source["label"];
	        this.register = source["register"];
	        this.form = source["form"];
	        this.taken = source["taken"];
	    }
	}
	export class IntakeEvaluationView {
	    entityId: number;
	    entityName: string;
	    evaluator: string;
	    replaced: boolean;
	    unscored: string[];
	
	    static createFrom(source: any = {}) {
	        return new IntakeEvaluationView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.evaluator = source["evaluator"];
	        this.replaced = source["replaced"];
	        this.unscored = source["unscored"];
	    }
	}
	export class IntakeItemView {
	    file: string;
	    kind: 'email' | 'form' | 'import' | 'evaluation' | '';
	    action: string;
	    entityId: number;
	    entityName: string;
	    matchedBy: string;
	    createdFrom: string;
	    status: string;
	    email?: EmailView;
	    attachments: IntakeAttachmentView[];
	    filled: IntakeChangeView[];
	    differences: IntakeChangeView[];
	    addedProducts: string[];
	    alreadyTakenIn: boolean;
	    notes: string[];
	    import: string;
	    evaluations: IntakeEvaluationView[];
	    sheetDocId: string;
	
	    static createFrom(source: any = {}) {
	        return new IntakeItemView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.kind = source["kind"];
	        this.action = source["action"];
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.matchedBy = source["matchedBy"];
	        this.createdFrom = source["createdFrom"];
	        this.status = source["status"];
	        this.email = this.convertValues(source["email"], EmailView);
	        this.attachments = this.convertValues(source["attachments"], IntakeAttachmentView);
	        this.filled = this.convertValues(source["filled"], IntakeChangeView);
	        this.differences = this.convertValues(source["differences"], IntakeChangeView);
	        this.addedProducts = source["addedProducts"];
	        this.alreadyTakenIn = source["alreadyTakenIn"];
	        this.notes = source["notes"];
	        this.import = source["import"];
	        this.evaluations = this.convertValues(source["evaluations"], IntakeEvaluationView);
	        this.sheetDocId = source["sheetDocId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class IntakeProblemView {
	    file: string;
	    field: string;
	    value: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new IntakeProblemView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.field = source["field"];
	        this.value = source["value"];
	        this.message = source["message"];
	    }
	}
	export class IntakeReview {
	    token: string;
	    dryRun: boolean;
	    applied: boolean;
	    items: IntakeItemView[];
	    problems: IntakeProblemView[];
	    created: number;
	    merged: number;
	    unchanged: number;
	    evaluations: number;
	
	    static createFrom(source: any = {}) {
	        return new IntakeReview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.dryRun = source["dryRun"];
	        this.applied = source["applied"];
	        this.items = this.convertValues(source["items"], IntakeItemView);
	        this.problems = this.convertValues(source["problems"], IntakeProblemView);
	        this.created = source["created"];
	        this.merged = source["merged"];
	        this.unchanged = source["unchanged"];
	        this.evaluations = source["evaluations"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class IntakeUpload {
	    name: string;
	    base64: string;
	
	    static createFrom(source: any = {}) {
	        return new IntakeUpload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.base64 = source["base64"];
	    }
	}
	export class StatusChoice {
	    code: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new StatusChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	    }
	}
	export class LetterMeeting {
	    id: number;
	    title: string;
	    startsAt: string;
	    place: string;
	    past: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LetterMeeting(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.startsAt = source["startsAt"];
	        this.place = source["place"];
	        this.past = source["past"];
	    }
	}
	export class LetterKind {
	    code: string;
	    label: string;
	    asks: boolean;
	    moveTo: string;
	
	    static createFrom(source: any = {}) {
	        return new LetterKind(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.asks = source["asks"];
	        this.moveTo = source["moveTo"];
	    }
	}
	export class LetterChoices {
	    kinds: LetterKind[];
	    meetings: LetterMeeting[];
	    statuses: StatusChoice[];
	
	    static createFrom(source: any = {}) {
	        return new LetterChoices(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kinds = this.convertValues(source["kinds"], LetterKind);
	        this.meetings = this.convertValues(source["meetings"], LetterMeeting);
	        this.statuses = this.convertValues(source["statuses"], StatusChoice);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LetterFile {
	    entityId: number;
	    entityName: string;
	    path: string;
	    docId: string;
	    part: string;
	    sha256: string;
	
	    static createFrom(source: any = {}) {
	        return new LetterFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.path = source["path"];
	        this.docId = source["docId"];
	        this.part = source["part"];
	        this.sha256 = source["sha256"];
	    }
	}
	
	
	export class LetterMissingItem {
	    field: string;
	    label: string;
	    product: string;
	
	    static createFrom(source: any = {}) {
	        return new LetterMissingItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.label = source["label"];
	        this.product = source["product"];
	    }
	}
	export class LetterPlaceholder {
	    name: string;
	    description: string;
	
	    static createFrom(source: any = {}) {
	        return new LetterPlaceholder(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	    }
	}
	export class LetterPreview {
	    entityId: number;
	    entityName: string;
	    toName: string;
	    to: string;
	    subject: string;
	    body: string;
	    missing: LetterMissingItem[];
	    draft: boolean;
	    notice: string;
	    attachments: string[];
	
	    static createFrom(source: any = {}) {
	        return new LetterPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityId = source["entityId"];
	        this.entityName = source["entityName"];
	        this.toName = source["toName"];
	        this.to = source["to"];
	        this.subject = source["subject"];
	        this.body = source["body"];
	        this.missing = this.convertValues(source["missing"], LetterMissingItem);
	        this.draft = source["draft"];
	        this.notice = source["notice"];
	        this.attachments = source["attachments"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LetterRequest {
	    entityIds: number[];
	    kind: string;
	    lang: string;
	    meetingId: number;
	    questions: string;
	    moveTo: string;
	    reason: string;
	    dir: string;
	
	    static createFrom(source: any = {}) {
	        return new LetterRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityIds = source["entityIds"];
	        this.kind = source["kind"];
	        this.lang = source["lang"];
	        this.meetingId = source["meetingId"];
	        this.questions = source["questions"];
	        this.moveTo = source["moveTo"];
	        this.reason = source["reason"];
	        this.dir = source["dir"];
	    }
	}
	export class LetterTemplate {
	    kind: string;
	    lang: string;
	    subject: string;
	    body: string;
	    custom: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LetterTemplate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.lang = source["lang"];
	        this.subject = source["subject"];
	        this.body = source["body"];
	        this.custom = source["custom"];
	    }
	}
	export class LetterSettings {
	    organisation: string;
	    organisationZh: string;
	    address: string;
	    officerName: string;
	    officerTitle: string;
	    officerEmail: string;
	    officerPhone: string;
	    templates: LetterTemplate[];
	
	    static createFrom(source: any = {}) {
	        return new LetterSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.organisation = source["organisation"];
	        this.organisationZh = source["organisationZh"];
	        this.address = source["address"];
	        this.officerName = source["officerName"];
	        this.officerTitle = source["officerTitle"];
	        this.officerEmail = source["officerEmail"];
	        this.officerPhone = source["officerPhone"];
	        this.templates = this.convertValues(source["templates"], LetterTemplate);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class LettersResult {
	    files: LetterFile[];
	    notices: string[];
	    moved: number;
	    requests: number;
	
	    static createFrom(source: any = {}) {
	        return new LettersResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.files = this.convertValues(source["files"], LetterFile);
	        this.notices = source["notices"];
	        this.moved = source["moved"];
	        this.requests = source["requests"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListPage {
	    total: number;
	    rows: EntityRow[];
	
	    static createFrom(source: any = {}) {
	        return new ListPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.rows = this.convertValues(source["rows"], EntityRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListQuery {
	    search: string;
	    statuses: string[];
	    atpType: string;
	    intendedUse: string;
	    processType: string;
	    completeness: '' | 'complete' | 'incomplete';
	    sort: 'name' | 'status' | 'received_on' | 'updated_at' | 'products' | 'missing' | 'score';
	    desc: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ListQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.statuses = source["statuses"];
	        this.atpType = source["atpType"];
	        this.intendedUse = source["intendedUse"];
	        this.processType = source["processType"];
	        this.completeness = source["completeness"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	export class LookAlike {
	    id: number;
	    name: string;
	    why: string;
	
	    static createFrom(source: any = {}) {
	        return new LookAlike(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.why = source["why"];
	    }
	}
	export class MeetingEntity {
	    id: number;
	    name: string;
	    status: string;
	    statusLabel: string;
	    minutes: string;
	    score?: number | null;
	    excluded: Exclusion[];
	
	    static createFrom(source: any = {}) {
	        return new MeetingEntity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.minutes = source["minutes"];
	        this.score = source["score"];
	        this.excluded = this.convertValues(source["excluded"], Exclusion);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MeetingInput {
	    id: number;
	    title: string;
	    startsAt: string;
	    durationMinutes: number;
	    place: string;
	    partnerIds: number[];
	    attendees: string[];
	    entityIds: number[];
	    agenda: string;
	    minutes: string;
	    outcome: string;
	    actions: register.Action[];
	    entityMinutes: Record<number, string>;
	
	    static createFrom(source: any = {}) {
	        return new MeetingInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.startsAt = source["startsAt"];
	        this.durationMinutes = source["durationMinutes"];
	        this.place = source["place"];
	        this.partnerIds = source["partnerIds"];
	        this.attendees = source["attendees"];
	        this.entityIds = source["entityIds"];
	        this.agenda = source["agenda"];
	        this.minutes = source["minutes"];
	        this.outcome = source["outcome"];
	        this.actions = this.convertValues(source["actions"], register.Action);
	        this.entityMinutes = source["entityMinutes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MeetingRow {
	    id: number;
	    title: string;
	    startsAt: string;
	    place: string;
	    partners: string[];
	    entities: number;
	    openActions: number;
	    overdue: number;
	    past: boolean;
	    conflicts: number;
	
	    static createFrom(source: any = {}) {
	        return new MeetingRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.startsAt = source["startsAt"];
	        this.place = source["place"];
	        this.partners = source["partners"];
	        this.entities = source["entities"];
	        this.openActions = source["openActions"];
	        this.overdue = source["overdue"];
	        this.past = source["past"];
	        this.conflicts = source["conflicts"];
	    }
	}
	export class PartnerRef {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new PartnerRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class MeetingView {
	    meeting: MeetingInput;
	    partners: PartnerRef[];
	    entities: MeetingEntity[];
	    actions: ActionView[];
	    past: boolean;
	    sequence: number;
	    today: string;
	
	    static createFrom(source: any = {}) {
	        return new MeetingView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.meeting = this.convertValues(source["meeting"], MeetingInput);
	        this.partners = this.convertValues(source["partners"], PartnerRef);
	        this.entities = this.convertValues(source["entities"], MeetingEntity);
	        this.actions = this.convertValues(source["actions"], ActionView);
	        this.past = source["past"];
	        this.sequence = source["sequence"];
	        this.today = source["today"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class MoveProposal {
	    from: string;
	    fromLabel: string;
	    to: string;
	    toLabel: string;
	
	    static createFrom(source: any = {}) {
	        return new MoveProposal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.fromLabel = source["fromLabel"];
	        this.to = source["to"];
	        this.toLabel = source["toLabel"];
	    }
	}
	export class OpenAction {
	    meetingId: number;
	    meetingTitle: string;
	    meetingAt: string;
	    index: number;
	    text: string;
	    owner: string;
	    due: string;
	
	    static createFrom(source: any = {}) {
	        return new OpenAction(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.meetingId = source["meetingId"];
	        this.meetingTitle = source["meetingTitle"];
	        this.meetingAt = source["meetingAt"];
	        this.index = source["index"];
	        this.text = source["text"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	    }
	}
	export class PackEntity {
	    id: number;
	    name: string;
	    status: string;
	    statusLabel: string;
	    complete: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PackEntity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.complete = source["complete"];
	    }
	}
	export class ReplacedChars {
	    where: string;
	    chars: string;
	
	    static createFrom(source: any = {}) {
	        return new ReplacedChars(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.where = source["where"];
	        this.chars = source["chars"];
	    }
	}
	export class PackOmission {
	    entityId: number;
	    name: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new PackOmission(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityId = source["entityId"];
	        this.name = source["name"];
	        this.reason = source["reason"];
	    }
	}
	export class PackFileResult {
	    recipient: string;
	    copyNo: number;
	    path: string;
	    sha256: string;
	    size: number;
	    pages: number;
	    entityIds: number[];
	    omitted: PackOmission[];
	    replaced: ReplacedChars[];
	    encrypted: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PackFileResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recipient = source["recipient"];
	        this.copyNo = source["copyNo"];
	        this.path = source["path"];
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
	        this.pages = source["pages"];
	        this.entityIds = source["entityIds"];
	        this.omitted = this.convertValues(source["omitted"], PackOmission);
	        this.replaced = this.convertValues(source["replaced"], ReplacedChars);
	        this.encrypted = source["encrypted"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PackLedgerRow {
	    id: number;
	    docId: string;
	    recipient: string;
	    copyNo: number;
	    entityIds: number[];
	    entityNames: string[];
	    anonymised: boolean;
	    encrypted: boolean;
	    evaluation: boolean;
	    fileName: string;
	    folder: string;
	    path: string;
	    sha256: string;
	    delivered: boolean;
	    fileExists: boolean;
	    by: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new PackLedgerRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.docId = source["docId"];
	        this.recipient = source["recipient"];
	        this.copyNo = source["copyNo"];
	        this.entityIds = source["entityIds"];
	        this.entityNames = source["entityNames"];
	        this.anonymised = source["anonymised"];
	        this.encrypted = source["encrypted"];
	        this.evaluation = source["evaluation"];
	        this.fileName = source["fileName"];
	        this.folder = source["folder"];
	        this.path = source["path"];
	        this.sha256 = source["sha256"];
	        this.delivered = source["delivered"];
	        this.fileExists = source["fileExists"];
	        this.by = source["by"];
	        this.at = source["at"];
	    }
	}
	export class PackMeeting {
	    id: number;
	    title: string;
	    startsAt: string;
	    entityIds: number[];
	    partnerIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new PackMeeting(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.startsAt = source["startsAt"];
	        this.entityIds = source["entityIds"];
	        this.partnerIds = source["partnerIds"];
	    }
	}
	
	export class PackPartner {
	    id: number;
	    name: string;
	    facility: string;
	    conflicted: number[];
	
	    static createFrom(source: any = {}) {
	        return new PackPartner(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.facility = source["facility"];
	        this.conflicted = source["conflicted"];
	    }
	}
	export class PackRecipient {
	    partnerId: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new PackRecipient(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.partnerId = source["partnerId"];
	        this.name = source["name"];
	    }
	}
	export class PackRequest {
	    meetingId: number;
	    entityIds: number[];
	    purpose: string;
	    recipients: PackRecipient[];
	    firstCopy: number;
	    anonymise: boolean;
	    includeNotes: boolean;
	    includeEvaluation: boolean;
	    password: string;
	    dir: string;
	    lang: string;
	
	    static createFrom(source: any = {}) {
	        return new PackRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.meetingId = source["meetingId"];
	        this.entityIds = source["entityIds"];
	        this.purpose = source["purpose"];
	        this.recipients = this.convertValues(source["recipients"], PackRecipient);
	        this.firstCopy = source["firstCopy"];
	        this.anonymise = source["anonymise"];
	        this.includeNotes = source["includeNotes"];
	        this.includeEvaluation = source["includeEvaluation"];
	        this.password = source["password"];
	        this.dir = source["dir"];
	        this.lang = source["lang"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PackResult {
	    documentId: string;
	    files: PackFileResult[];
	    notices: string[];
	
	    static createFrom(source: any = {}) {
	        return new PackResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.documentId = source["documentId"];
	        this.files = this.convertValues(source["files"], PackFileResult);
	        this.notices = source["notices"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PackSetup {
	    meetings: PackMeeting[];
	    entities: PackEntity[];
	    partners: PackPartner[];
	    defaultDir: string;
	    officer: string;
	
	    static createFrom(source: any = {}) {
	        return new PackSetup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.meetings = this.convertValues(source["meetings"], PackMeeting);
	        this.entities = this.convertValues(source["entities"], PackEntity);
	        this.partners = this.convertValues(source["partners"], PackPartner);
	        this.defaultDir = source["defaultDir"];
	        this.officer = source["officer"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Partner {
	    id: number;
	    name: string;
	    facility: string;
	    address: string;
	    contacts: register.Contact[];
	    notes: string;
	
	    static createFrom(source: any = {}) {
	        return new Partner(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.facility = source["facility"];
	        this.address = source["address"];
	        this.contacts = this.convertValues(source["contacts"], register.Contact);
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class PartnerView {
	    partner: Partner;
	    conflicts: Conflict[];
	
	    static createFrom(source: any = {}) {
	        return new PartnerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.partner = this.convertValues(source["partner"], Partner);
	        this.conflicts = this.convertValues(source["conflicts"], Conflict);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RankRow {
	    rank: number;
	    tied: boolean;
	    entityId: number;
	    name: string;
	    status: string;
	    statusLabel: string;
	    atpTypes: string[];
	    total: number;
	    means: Record<string, number>;
	    disagreements: string[];
	    evaluations: number;
	    evaluators: string[];
	    recommendation: string;
	    recommendations: Record<string, number>;
	    latest: string;
	
	    static createFrom(source: any = {}) {
	        return new RankRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rank = source["rank"];
	        this.tied = source["tied"];
	        this.entityId = source["entityId"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.atpTypes = source["atpTypes"];
	        this.total = source["total"];
	        this.means = source["means"];
	        this.disagreements = source["disagreements"];
	        this.evaluations = source["evaluations"];
	        this.evaluators = source["evaluators"];
	        this.recommendation = source["recommendation"];
	        this.recommendations = source["recommendations"];
	        this.latest = source["latest"];
	    }
	}
	export class RankingQuery {
	    statuses: string[];
	    atpType: string;
	
	    static createFrom(source: any = {}) {
	        return new RankingQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.statuses = source["statuses"];
	        this.atpType = source["atpType"];
	    }
	}
	export class RankingView {
	    rows: RankRow[];
	    weights: Record<string, number>;
	    agreement: AgreementView;
	
	    static createFrom(source: any = {}) {
	        return new RankingView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], RankRow);
	        this.weights = source["weights"];
	        this.agreement = this.convertValues(source["agreement"], AgreementView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RecentRegister {
	    path: string;
	    name: string;
	    folder: string;
	    used: string;
	    exists: boolean;
	    current: boolean;
	    lastBackup: string;
	
	    static createFrom(source: any = {}) {
	        return new RecentRegister(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.folder = source["folder"];
	        this.used = source["used"];
	        this.exists = source["exists"];
	        this.current = source["current"];
	        this.lastBackup = source["lastBackup"];
	    }
	}
	
	
	
	export class SendSheetsRequest {
	    evaluatorIds: number[];
	    entityIds: number[];
	    meetingId: number;
	    lang: string;
	    format: string;
	    due: string;
	    dir: string;
	    draft: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SendSheetsRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluatorIds = source["evaluatorIds"];
	        this.entityIds = source["entityIds"];
	        this.meetingId = source["meetingId"];
	        this.lang = source["lang"];
	        this.format = source["format"];
	        this.due = source["due"];
	        this.dir = source["dir"];
	        this.draft = source["draft"];
	    }
	}
	export class SheetLeftOut {
	    entityId: number;
	    name: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new SheetLeftOut(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entityId = source["entityId"];
	        this.name = source["name"];
	        this.reason = source["reason"];
	    }
	}
	export class SentSheet {
	    evaluatorId: number;
	    evaluator: string;
	    path: string;
	    docId: string;
	    part: 'sheet' | 'draft';
	    sha256: string;
	    entities: number;
	    leftOut: SheetLeftOut[];
	
	    static createFrom(source: any = {}) {
	        return new SentSheet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluatorId = source["evaluatorId"];
	        this.evaluator = source["evaluator"];
	        this.path = source["path"];
	        this.docId = source["docId"];
	        this.part = source["part"];
	        this.sha256 = source["sha256"];
	        this.entities = source["entities"];
	        this.leftOut = this.convertValues(source["leftOut"], SheetLeftOut);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SheetEvaluator {
	    id: number;
	    name: string;
	    role: string;
	    email: string;
	    conflicted: number[];
	
	    static createFrom(source: any = {}) {
	        return new SheetEvaluator(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.email = source["email"];
	        this.conflicted = source["conflicted"];
	    }
	}
	
	export class SheetMeeting {
	    id: number;
	    title: string;
	    startsAt: string;
	    entityIds: number[];
	    past: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SheetMeeting(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.startsAt = source["startsAt"];
	        this.entityIds = source["entityIds"];
	        this.past = source["past"];
	    }
	}
	export class SheetSetup {
	    evaluators: SheetEvaluator[];
	    meetings: SheetMeeting[];
	    inEvaluation: EntityOption[];
	    today: string;
	    due: string;
	    dueDays: number;
	    dir: string;
	
	    static createFrom(source: any = {}) {
	        return new SheetSetup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.evaluators = this.convertValues(source["evaluators"], SheetEvaluator);
	        this.meetings = this.convertValues(source["meetings"], SheetMeeting);
	        this.inEvaluation = this.convertValues(source["inEvaluation"], EntityOption);
	        this.today = source["today"];
	        this.due = source["due"];
	        this.dueDays = source["dueDays"];
	        this.dir = source["dir"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SheetsSent {
	    files: SentSheet[];
	    due: string;
	    notices: string[];
	
	    static createFrom(source: any = {}) {
	        return new SheetsSent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.files = this.convertValues(source["files"], SentSheet);
	        this.due = source["due"];
	        this.notices = source["notices"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Strength {
	    score: number;
	    label: string;
	    hint: string;
	
	    static createFrom(source: any = {}) {
	        return new Strength(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.score = source["score"];
	        this.label = source["label"];
	        this.hint = source["hint"];
	    }
	}
	export class TraceMatch {
	    ledgerId: number;
	    docId: string;
	    recipient: string;
	    copyNo: number;
	    at: string;
	    by: string;
	    entityNames: string[];
	    fileName: string;
	    footer: boolean;
	    certainty: string;
	    agree: number;
	    disagree: number;
	
	    static createFrom(source: any = {}) {
	        return new TraceMatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ledgerId = source["ledgerId"];
	        this.docId = source["docId"];
	        this.recipient = source["recipient"];
	        this.copyNo = source["copyNo"];
	        this.at = source["at"];
	        this.by = source["by"];
	        this.entityNames = source["entityNames"];
	        this.fileName = source["fileName"];
	        this.footer = source["footer"];
	        this.certainty = source["certainty"];
	        this.agree = source["agree"];
	        this.disagree = source["disagree"];
	    }
	}
	export class TraceReport {
	    source: string;
	    seen: number;
	    matches: TraceMatch[];
	
	    static createFrom(source: any = {}) {
	        return new TraceReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.source = source["source"];
	        this.seen = source["seen"];
	        this.matches = this.convertValues(source["matches"], TraceMatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UndeliveredDoc {
	    id: number;
	    docId: string;
	    kind: string;
	    recipient: string;
	    copyNo: number;
	    fileName: string;
	    folder: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new UndeliveredDoc(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.docId = source["docId"];
	        this.kind = source["kind"];
	        this.recipient = source["recipient"];
	        this.copyNo = source["copyNo"];
	        this.fileName = source["fileName"];
	        this.folder = source["folder"];
	        this.at = source["at"];
	    }
	}

}

export namespace register {
	
	export class Action {
	    text: string;
	    owner: string;
	    due: string;
	    done: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Action(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.done = source["done"];
	    }
	}
	export class Choice {
	    code: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Choice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	    }
	}
	export class Contact {
	    name: string;
	    role: string;
	    email: string;
	    phone: string;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	    }
	}
	export class Submission {
	    id: number;
	    entity_id: number;
	    product_name: string;
	    composition: string;
	    pharmaceutical_form: string;
	    therapeutic_indication: string;
	    routes: string[];
	    route_other: string;
	    atp_type: string;
	    gene_vector: string;
	    intended_use: string;
	    intended_use_other: string;
	    starting_materials: string[];
	    starting_materials_other: string;
	    process_type: string;
	    pd_completed: boolean | null;
	    pd_further: string;
	    gmp_before: boolean | null;
	    has_authorized_person: boolean | null;
	    needs_training: boolean | null;
	    training_roles: string[];
	    training_details: string;
	    expected_start: string;
	    notes: string;
	
	    static createFrom(source: any = {}) {
	        return new Submission(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.entity_id = source["entity_id"];
	        this.product_name = source["product_name"];
	        this.composition = source["composition"];
	        this.pharmaceutical_form = source["pharmaceutical_form"];
	        this.therapeutic_indication = source["therapeutic_indication"];
	        this.routes = source["routes"];
	        this.route_other = source["route_other"];
	        this.atp_type = source["atp_type"];
	        this.gene_vector = source["gene_vector"];
	        this.intended_use = source["intended_use"];
	        this.intended_use_other = source["intended_use_other"];
	        this.starting_materials = source["starting_materials"];
	        this.starting_materials_other = source["starting_materials_other"];
	        this.process_type = source["process_type"];
	        this.pd_completed = source["pd_completed"];
	        this.pd_further = source["pd_further"];
	        this.gmp_before = source["gmp_before"];
	        this.has_authorized_person = source["has_authorized_person"];
	        this.needs_training = source["needs_training"];
	        this.training_roles = source["training_roles"];
	        this.training_details = source["training_details"];
	        this.expected_start = source["expected_start"];
	        this.notes = source["notes"];
	    }
	}
	export class Entity {
	    id: number;
	    name: string;
	    address: string;
	    contact_name: string;
	    contact_email: string;
	    contact_phone: string;
	    status: string;
	    received_on: string;
	    source: string;
	    notes: string;
	    tags: string[];
	    created_at: string;
	    updated_at: string;
	    submissions: Submission[];
	
	    static createFrom(source: any = {}) {
	        return new Entity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.address = source["address"];
	        this.contact_name = source["contact_name"];
	        this.contact_email = source["contact_email"];
	        this.contact_phone = source["contact_phone"];
	        this.status = source["status"];
	        this.received_on = source["received_on"];
	        this.source = source["source"];
	        this.notes = source["notes"];
	        this.tags = source["tags"];
	        this.created_at = source["created_at"];
	        this.updated_at = source["updated_at"];
	        this.submissions = this.convertValues(source["submissions"], Submission);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}


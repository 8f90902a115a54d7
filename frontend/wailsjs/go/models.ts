export namespace app {
	
	export class AppInfo {
	    version: string;
	    registerPath: string;
	    state: string;
	    settings: store.Settings;
	    lockedAt: string;
	    autoLockMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.registerPath = source["registerPath"];
	        this.state = source["state"];
	        this.settings = this.convertValues(source["settings"], store.Settings);
	        this.lockedAt = source["lockedAt"];
	        this.autoLockMinutes = source["autoLockMinutes"];
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
	    summary: demand.Summary;
	    entities: DemandEntity[];
	    statuses: StatusCount[];
	    registerTotal: number;
	    suppressionRule: string;
	
	    static createFrom(source: any = {}) {
	        return new DemandView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.summary = this.convertValues(source["summary"], demand.Summary);
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
	    history: store.AuditEntry[];
	    attachments: store.AttachmentInfo[];
	
	    static createFrom(source: any = {}) {
	        return new EntityView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entity = this.convertValues(source["entity"], register.Entity);
	        this.complete = source["complete"];
	        this.missing = this.convertValues(source["missing"], MissingView);
	        this.moves = this.convertValues(source["moves"], register.Choice);
	        this.history = this.convertValues(source["history"], store.AuditEntry);
	        this.attachments = this.convertValues(source["attachments"], store.AttachmentInfo);
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

export namespace demand {
	
	export class Cell {
	    entities: number;
	    submissions: number;
	    entityIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new Cell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entities = source["entities"];
	        this.submissions = source["submissions"];
	        this.entityIds = source["entityIds"];
	    }
	}
	export class Row {
	    code: string;
	    label: string;
	    entities: number;
	    submissions: number;
	    entityIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new Row(source);
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
	export class Dimension {
	    key: string;
	    title: string;
	    multi: boolean;
	    rows: Row[];
	
	    static createFrom(source: any = {}) {
	        return new Dimension(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.title = source["title"];
	        this.multi = source["multi"];
	        this.rows = this.convertValues(source["rows"], Row);
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
	export class ExportResult {
	    documentId: string;
	    format: string;
	    path: string;
	    size: number;
	    sha256: string;
	    ledgerId: number;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
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
	
	export class Series {
	    code: string;
	    label: string;
	    cells: Cell[];
	
	    static createFrom(source: any = {}) {
	        return new Series(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.cells = this.convertValues(source["cells"], Cell);
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
	export class Timeline {
	    quarters: string[];
	    series: Series[];
	    totals: Cell[];
	    undated: Row;
	
	    static createFrom(source: any = {}) {
	        return new Timeline(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quarters = source["quarters"];
	        this.series = this.convertValues(source["series"], Series);
	        this.totals = this.convertValues(source["totals"], Cell);
	        this.undated = this.convertValues(source["undated"], Row);
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
	export class Summary {
	    statuses: string[];
	    entities: number;
	    submissions: number;
	    withoutSubmissions: number;
	    dimensions: Dimension[];
	    timeline: Timeline;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.statuses = source["statuses"];
	        this.entities = source["entities"];
	        this.submissions = source["submissions"];
	        this.withoutSubmissions = source["withoutSubmissions"];
	        this.dimensions = this.convertValues(source["dimensions"], Dimension);
	        this.timeline = this.convertValues(source["timeline"], Timeline);
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

export namespace passphrase {
	
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

}

export namespace register {
	
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
	    pd_completed: string;
	    pd_further: string;
	    gmp_before: string;
	    has_authorized_person: string;
	    needs_training: string;
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
	    created_at: time.Time;
	    updated_at: time.Time;
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
	        this.created_at = this.convertValues(source["created_at"], time.Time);
	        this.updated_at = this.convertValues(source["updated_at"], time.Time);
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

export namespace store {
	
	export class AttachmentInfo {
	    id: number;
	    entityId: number;
	    name: string;
	    mime: string;
	    size: number;
	    sha256: string;
	    addedAt: string;
	    addedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new AttachmentInfo(source);
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
	export class AuditEntry {
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
	        return new AuditEntry(source);
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
	export class DB {
	
	
	    static createFrom(source: any = {}) {
	        return new DB(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	
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
	    score?: number;
	
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
	    completeness: string;
	    sort: string;
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

}

export namespace time {
	
	export class Time {
	
	
	    static createFrom(source: any = {}) {
	        return new Time(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	
	    }
	}

}


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

export namespace store {
	
	export class DB {
	
	
	    static createFrom(source: any = {}) {
	        return new DB(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	
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


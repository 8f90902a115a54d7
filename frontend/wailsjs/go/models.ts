export namespace app {
	
	export class AppInfo {
	    version: string;
	    registerPath: string;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.registerPath = source["registerPath"];
	    }
	}

}


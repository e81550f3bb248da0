export declare const SERVER_HEAP_MB: number;
export declare function serverHeapArgs(env?: NodeJS.ProcessEnv, execArgv?: readonly string[]): string[];

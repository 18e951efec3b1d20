export declare const root: string;
export declare const sourceDir: string;
export declare const compiledDir: string;
export declare function sourcesState(): { files: number; newest: number };
export declare function writeStamp(state: { files: number; newest: number }): void;
export declare function compiledEntry(): string | undefined;

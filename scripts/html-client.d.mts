/** The generated module's path, from the repository's root. */
export declare const CLIENT_MODULE: string;
/** The text of the generated module, from the client's sources as they are now. */
export declare function clientModuleText(): string;

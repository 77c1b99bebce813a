/** The version of Atelier this build is (package.json's; a test keeps the two equal). */
export const ATELIER_VERSION = '0.1.0';

/* No candidate field here, and it does not even parse: never read. */
int noise(int x) { return x +; }

package dev.faultline.process;

import dev.faultline.engine.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {
    @Test
    void splitsLikeAShellWithoutInterpretingAnything() {
        assertThat(CommandLine.split("python3 my_store.py")).containsExactly("python3", "my_store.py");
        assertThat(CommandLine.split("node 'my store.js' \"--name=a b\" x\\ y"))
                .containsExactly("node", "my store.js", "--name=a b", "x y");
        assertThat(CommandLine.split("sh -c 'echo $HOME; rm -rf /'")).containsExactly("sh", "-c", "echo $HOME; rm -rf /");
        assertThat(CommandLine.split("a '' b")).containsExactly("a", "", "b");
    }

    @Test
    void rejectsUnclosedQuotesAndEmptyCommands() {
        assertThatThrownBy(() -> CommandLine.split("python3 'x.py")).isInstanceOf(BadInputException.class).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> CommandLine.split("   ")).isInstanceOf(BadInputException.class).hasMessageContaining("empty");
    }
}

export default function Home() {
  return <main>Todo Chatbot</main>;
}
